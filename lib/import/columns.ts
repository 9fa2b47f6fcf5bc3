import { cellValue, type CsvTable } from '../core/csv';

/**
 * The import's columns, the same as the people export in import format writes. Headers match whatever their case,
 * spaces, `_` or `-`: "Employee code", "employee_code" and "employeeCode" are one column.
 */
export const IMPORT_COLUMNS = [
  { key: 'name', header: 'Name', aliases: ['fullname'] },
  { key: 'email', header: 'Email', aliases: ['emailaddress'] },
  { key: 'phone', header: 'Phone', aliases: ['mobile', 'phonenumber'] },
  { key: 'employeeCode', header: 'Employee code', aliases: ['empcode', 'employeeid'] },
  { key: 'homeSite', header: 'Home site', aliases: ['site'] },
  { key: 'roles', header: 'Roles', aliases: ['role', 'spintlyroles'] },
  { key: 'card', header: 'Card number', aliases: ['card', 'credentialid'] },
  { key: 'accessExpires', header: 'Access expires', aliases: ['accessexpiry', 'expires', 'expiry', 'accessexpireson'] },
  { key: 'doors', header: 'Doors', aliases: ['accesspoints'] },
  { key: 'company', header: 'Company', aliases: ['companyname', 'tenant'] },
] as const;

export type ImportKey = (typeof IMPORT_COLUMNS)[number]['key'];

/** A row of the file by column, each value trimmed ('' when empty), with the line it is on. */
export interface RawRow {
  line: number;
  values: Record<ImportKey, string>;
}

export const normaliseHeader = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '');

const BY_HEADER = new Map<string, ImportKey>(
  IMPORT_COLUMNS.flatMap((c) =>
    [normaliseHeader(c.header), normaliseHeader(c.key), ...c.aliases].map((h) => [h, c.key] as const),
  ),
);

/** Lists inside a cell (roles, doors) are separated by | or a comma. */
export const splitList = (value: string) =>
  value
    .split(/[|,]/)
    .map((v) => v.trim())
    .filter(Boolean);

export type HeaderProblem = { message: string };

/** The file's rows by column, or what is wrong with its header. Unknown columns are ignored (and reported). */
export function readRows(table: CsvTable): { rows: RawRow[]; ignored: string[] } | HeaderProblem {
  const [header, ...body] = table.rows;
  if (!header) return { message: 'The file is empty.' };
  const keys = header.cells.map((h) => BY_HEADER.get(normaliseHeader(cellValue(h).replace(/^\uFEFF/, ''))) ?? null);
  if (!keys.includes('name'))
    return { message: 'The file needs a "Name" column. Download the template to see the columns the import reads.' };
  const ignored = header.cells
    .filter((_, i) => keys[i] === null)
    .map((h) => h.trim())
    .filter(Boolean);
  const rows = body.map(({ line, cells }) => {
    const values = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, ''])) as Record<ImportKey, string>;
    keys.forEach((key, i) => {
      if (key && cells[i] !== undefined) values[key] = cellValue(cells[i]);
    });
    return { line, values };
  });
  return { rows, ignored };
}

/**
 * CSV as spreadsheets read and write it, both directions in one place so the export's formula guard and the import's
 * undoing of it stay one rule. Pure text in and out (no server-only import).
 *
 * Writing: every cell is quoted; a cell that starts with =, +, -, @ (or a tab or carriage return) would run as a
 * formula in Excel or Sheets, so it gets a leading apostrophe.
 *
 * Reading: comma or semicolon separated (whichever the header line uses), quoted fields with "" for a quote, CRLF or
 * LF, UTF-8 with or without a byte-order mark. Blank lines are skipped.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export interface CsvTable {
  delimiter: ',' | ';';
  /** Each row with the line it started on (1 = the header), so errors can name the line a person sees. */
  rows: { line: number; cells: string[] }[];
}

/** The header line decides: more semicolons than commas outside quotes means semicolons (Excel in many locales). */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const rows: CsvTable['rows'] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    // A blank line (one empty cell) is no row.
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return { delimiter, rows };
}

/**
 * A cell as the person meant it. The portal's own exports put an apostrophe before a cell starting with = + - @ (so a
 * spreadsheet does not run it as a formula); importing such an export takes the apostrophe off again. Nothing in a
 * cell is ever evaluated.
 */
export function cellValue(raw: string): string {
  const value = raw.trim();
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

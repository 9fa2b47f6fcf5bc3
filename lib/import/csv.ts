/**
 * CSV as spreadsheets write it: comma or semicolon separated (whichever the header line uses), quoted fields with ""
 * for a quote, CRLF or LF, UTF-8 with or without a byte-order mark. Blank lines are skipped. No server-only import:
 * pure text in, rows out.
 */
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
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

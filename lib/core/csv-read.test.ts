import { describe, expect, it } from 'vitest';
import { readRows, splitList } from '../import/columns';
import { cellValue, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, line breaks inside quotes, CRLF and blank lines', () => {
    const table = parseCsv('Name,Email\r\n"Rao, Asha","a""b@x.in"\r\n\r\n"Two\nlines",c@x.in\n');
    expect(table.delimiter).toBe(',');
    expect(table.rows).toEqual([
      { line: 1, cells: ['Name', 'Email'] },
      { line: 2, cells: ['Rao, Asha', 'a"b@x.in'] },
      { line: 4, cells: ['Two\nlines', 'c@x.in'] },
    ]);
  });

  it('takes semicolons when the header uses them, and drops a byte-order mark', () => {
    const table = parseCsv('\uFEFFName;Phone;Doors\nRavi;98123 45678;Gym, Lobby\n');
    expect(table.delimiter).toBe(';');
    expect(table.rows[1]!.cells).toEqual(['Ravi', '98123 45678', 'Gym, Lobby']);
    expect(table.rows[0]!.cells[0]).toBe('Name');
  });

  it('keeps formula-looking cells as text; an apostrophe the export added comes off', () => {
    const table = parseCsv('Name\n=HYPERLINK("x")\n\'=1+1\n');
    expect(table.rows.map((r) => cellValue(r.cells[0]!))).toEqual(['Name', '=HYPERLINK("x")', '=1+1']);
    expect(cellValue("'Connor")).toBe("'Connor");
  });

  it('reads a last row without a line break', () => {
    expect(parseCsv('Name\nRavi').rows.at(-1)).toEqual({ line: 2, cells: ['Ravi'] });
  });
});

describe('readRows', () => {
  it('matches headers whatever their case, spaces, _ or -, and reports unknown columns', () => {
    const result = readRows(
      parseCsv('NAME,employee_code,Employee-Code2,home site,Card Number\nRavi,E1,x,Koramangala Hub,123456\n'),
    );
    expect('rows' in result && result.rows[0]!.values).toMatchObject({
      name: 'Ravi',
      employeeCode: 'E1',
      homeSite: 'Koramangala Hub',
      card: '123456',
      email: '',
    });
    expect('ignored' in result && result.ignored).toEqual(['Employee-Code2']);
    expect(readRows(parseCsv('Email\nx@y.in'))).toEqual({ message: expect.stringContaining('"Name" column') });
  });

  it('splits lists on | or commas', () => {
    expect(splitList('Gym | Lobby Turnstile,Main Entrance|')).toEqual(['Gym', 'Lobby Turnstile', 'Main Entrance']);
  });
});

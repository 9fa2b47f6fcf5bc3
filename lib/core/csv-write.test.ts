import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('CSV export cells', () => {
  it('neutralises formulas so a spreadsheet shows them as text', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvCell('+1+1')).toBe(`"'+1+1"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
  });

  it('quotes every cell and doubles quotes; empty for null', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(null)).toBe('""');
    expect(csvRow(['a', 1, null])).toBe('"a","1",""\r\n');
  });
});

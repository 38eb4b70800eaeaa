import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes every cell and doubles quotes; commas and line breaks stay inside the cell', () => {
    expect(csvCell('a "quoted", word\nnext line')).toBe('"a ""quoted"", word\nnext line"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(3)).toBe('"3"');
  });

  it('guards cells a spreadsheet would run as a formula', () => {
    for (const danger of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(danger).startsWith(`"'`)).toBe(true);
    }
    expect(csvCell('plain = fine')).toBe('"plain = fine"');
  });

  it('writes a BOM, a header and CRLF lines', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFF"a","b"\r\n"1","x"\r\n');
  });
});

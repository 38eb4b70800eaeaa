import { describe, expect, it } from 'vitest';
import { paragraphs } from './PlainText';

describe('paragraphs', () => {
  it('splits at blank lines, keeps single line breaks and drops empty paragraphs', () => {
    expect(paragraphs('One\nline two\n\n\n  Two  \r\n\r\nThree\n')).toEqual([
      'One\nline two',
      'Two',
      'Three',
    ]);
    expect(paragraphs('  \n\n ')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { linkify, safeHref } from './linkify';

describe('linkify', () => {
  it('turns http(s) addresses into links and leaves sentence punctuation outside', () => {
    expect(linkify('See https://example.org/a?b=1. Or (http://x.test/y), thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Or (' },
      { kind: 'link', text: 'http://x.test/y', href: 'http://x.test/y' },
      { kind: 'text', text: '), thanks' },
    ]);
  });

  it('never makes a link of javascript:, data:, vbscript: or protocol-relative addresses', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/x',
      'java\tscript:alert(1)',
    ]) {
      expect(
        linkify(text).every((s) => s.kind === 'text'),
        text,
      ).toBe(true);
    }
  });

  it('refuses addresses hiding behind bidi overrides, zero-width characters or credentials', () => {
    expect(safeHref('https://exa\u202Emple.org')).toBeNull();
    expect(safeHref('https://bank.example\u200B.evil.test')).toBeNull();
    expect(safeHref('https://bank.example@evil.test/')).toBeNull();
    expect(safeHref('https://example.org/')).toBe('https://example.org/');
    expect(linkify('\u202Ehttps://evil.example/gpj.exe')).toEqual([
      { kind: 'text', text: '\u202Ehttps://evil.example/gpj.exe' },
    ]);
  });

  it('keeps every character of the input, links or not', () => {
    const text = 'a https://x.test/<script> b "https://y.test" javascript:z';
    expect(
      linkify(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });
});

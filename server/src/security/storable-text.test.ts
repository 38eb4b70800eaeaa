import { describe, expect, it } from 'vitest';
import { storable } from './storable-text';

describe('storable', () => {
  it('replaces NUL and lone surrogates in strings and keys, keeps everything else', () => {
    expect(storable({ a: 'x\u0000y', ['k\u0000']: ['\uD800', '\uDFFFz', '👩🏽‍💻', 1, null, true] })).toEqual({
      a: 'x\uFFFDy',
      'k\uFFFD': ['\uFFFD', '\uFFFDz', '👩🏽‍💻', 1, null, true],
    });
    expect(storable('\u202Eright-to-left stays')).toBe('\u202Eright-to-left stays');
  });

  it('keeps a "__proto__" key a plain key', () => {
    const out = storable(JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

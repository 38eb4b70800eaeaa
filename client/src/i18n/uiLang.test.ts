import { describe, expect, it } from 'vitest';
import { chooseUiLang } from './I18nProvider';

describe('chooseUiLang', () => {
  it('takes the first preferred language the UI has, by primary subtag too, else English', () => {
    expect(chooseUiLang(['de', 'fr-CA', 'en'], ['en', 'fr'])).toBe('fr');
    expect(chooseUiLang([null, undefined, 'ru'], ['en', 'ru'])).toBe('ru');
    expect(chooseUiLang(['de'], ['en', 'fr'])).toBe('en');
  });
});

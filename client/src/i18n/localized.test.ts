import { describe, expect, it } from 'vitest';
import { pickLocalized } from './localized';

const title = { en: 'Regional review', fr: 'Examen régional', ru: 'Региональный обзор' };

describe('pickLocalized', () => {
  it("shows the reader's language when the field has it", () => {
    expect(pickLocalized(title, 'fr', ['en', 'fr'])).toEqual({
      text: 'Examen régional',
      lang: 'fr',
      fallback: false,
    });
  });

  it('matches a regional reader language on its primary subtag', () => {
    expect(pickLocalized({ en: 'Hi', pt: 'Olá' }, 'pt-BR', ['en'])).toEqual({
      text: 'Olá',
      lang: 'pt',
      fallback: false,
    });
    expect(pickLocalized({ en: 'Hi', 'pt-BR': 'Oi' }, 'pt-BR', ['en']).text).toBe('Oi');
  });

  it("falls back to the space's languages in order, and marks it", () => {
    expect(pickLocalized(title, 'ar', ['ru', 'en'])).toEqual({
      text: 'Региональный обзор',
      lang: 'ru',
      fallback: true,
    });
    expect(pickLocalized(title, 'es', ['en', 'fr', 'es', 'ru'])).toEqual({
      text: 'Regional review',
      lang: 'en',
      fallback: true,
    });
  });

  it('skips empty versions, uses any version left, and copes with nothing', () => {
    expect(pickLocalized({ en: '  ', fr: 'Bonjour' }, 'en', ['en']).text).toBe('Bonjour');
    expect(pickLocalized({ de: 'Hallo' }, 'en', ['en'])).toEqual({
      text: 'Hallo',
      lang: 'de',
      fallback: true,
    });
    expect(pickLocalized({}, 'en', ['en'])).toEqual({ text: '', lang: 'en', fallback: false });
    expect(pickLocalized(undefined, 'en')).toEqual({ text: '', lang: 'en', fallback: false });
  });
});

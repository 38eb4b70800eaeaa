import { describe, expect, it } from 'vitest';
import { autonym } from './LanguageMenu';

describe('autonym', () => {
  it('names each UI language in itself, so a reader finds theirs whatever the UI language', () => {
    expect(['en', 'fr', 'es', 'ru', 'ar'].map(autonym)).toEqual([
      'English',
      'Français',
      'Español',
      'Русский',
      'العربية',
    ]);
  });
});

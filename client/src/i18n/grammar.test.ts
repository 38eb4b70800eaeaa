import { readFileSync } from 'node:fs';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import { nameStart, withGrammarHints } from './grammar';

const catalogue = (lang: string) =>
  JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const say = (lang: string, id: string, values: Record<string, string | number>) =>
  createIntl({ locale: lang, messages: lang === 'en' ? en : catalogue(lang) }).formatMessage(
    { id },
    withGrammarHints(values),
  );

describe('names in messages', () => {
  it('tells a name that starts with a vowel sound, accents and mute h included', () => {
    expect(['Anonyme', 'Ana Lima', 'Émile', 'Yves', 'Hélène', ' Olga'].map(nameStart)).toEqual(
      Array(6).fill('vowel'),
    );
    expect(['Ben', 'Zoé', 'Анна', '', '42'].map(nameStart)).toEqual(Array(5).fill('other'));
  });

  it('elides "de" in French before a vowel, and only then', () => {
    expect(say('fr', 'thread.commentBy', { name: 'Anonyme' })).toBe("Commentaire d'Anonyme");
    expect(say('fr', 'thread.commentBy', { name: 'Ana' })).toBe("Commentaire d'Ana");
    expect(say('fr', 'thread.commentBy', { name: 'Ben' })).toBe('Commentaire de Ben');
    expect(say('fr', 'thread.replyBy', { name: 'Émile' })).toBe("Réponse d'Émile");
    expect(say('fr', 'moderation.itemLabel', { name: 'Ana Lima' })).toBe("Message en attente d'Ana Lima");
    expect(say('fr', 'thread.onBehalfOf', { name: 'Marc' })).toBe('Envoyé par e-mail au nom de Marc');
  });

  it('leaves English as it was, so selectors in English keep working', () => {
    expect(say('en', 'thread.commentBy', { name: 'Anonymous' })).toBe('Comment by Anonymous');
    expect(say('en', 'moderation.itemLabel', { name: 'Ana Lima' })).toBe('Pending post by Ana Lima');
  });

  it('keeps a name in the nominative in Russian, which a message cannot decline', () => {
    expect(say('ru', 'thread.commentBy', { name: 'Аноним' })).toBe('Комментарий, автор: Аноним');
    expect(say('ru', 'thread.inReplyTo', { name: 'Ana' })).toBe('В ответ пользователю Ana');
  });

  it('agrees a count of anonymous contributors in number', () => {
    expect(say('fr', 'report.contributorsValue', { count: 5, anonymous: 1 })).toBe('5 (dont 1 anonyme)');
    expect(say('fr', 'report.contributorsValue', { count: 5, anonymous: 2 })).toBe('5 (dont 2 anonymes)');
    expect(say('es', 'report.contributorsValue', { count: 5, anonymous: 1 })).toBe('5 (1 anónimo)');
    expect(say('en', 'report.contributorsValue', { count: 5, anonymous: 2 })).toBe('5 (2 anonymous)');
  });
});

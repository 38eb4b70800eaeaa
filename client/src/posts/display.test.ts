import { describe, expect, it } from 'vitest';
import { moderationReasonText, shownAuthorName } from './display';

describe('shownAuthorName', () => {
  const post = { anonymous: true, authorId: 'ana', authorName: 'Ana Lima', onBehalfOf: null };
  it('masks an anonymous author for everyone but the author, moderators included', () => {
    expect(shownAuthorName(post, 'ana')).toBe('Ana Lima');
    expect(shownAuthorName(post, 'moderator')).toBe('Anonymous');
    expect(shownAuthorName(post, null)).toBe('Anonymous');
  });
  it('names the person a comment received by e-mail is from', () => {
    expect(shownAuthorName({ ...post, anonymous: false, onBehalfOf: 'Maria' }, null)).toBe('Maria');
  });
});

describe('moderationReasonText', () => {
  const space = {
    languages: ['en', 'fr'],
    reasonTemplates: [{ id: 'off-topic', text: { en: 'Off topic.', fr: 'Hors sujet.' } }],
  };
  it("shows a template in the reader's language, falling back to the stored text", () => {
    const post = { moderationReason: 'Off topic.', moderationReasonTemplateId: 'off-topic' };
    expect(moderationReasonText(post, space, 'fr')).toEqual({ text: 'Hors sujet.', lang: 'fr' });
    expect(moderationReasonText(post, space, 'ru')?.text).toBe('Off topic.');
    expect(moderationReasonText(post, undefined, 'fr')).toEqual({ text: 'Off topic.', lang: undefined });
    expect(
      moderationReasonText({ moderationReason: null, moderationReasonTemplateId: null }, space, 'en'),
    ).toBeNull();
  });
});

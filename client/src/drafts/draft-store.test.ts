import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DraftStore, draftKey, type DraftTarget } from './draft-store';

const reply: DraftTarget = { kind: 'reply', spaceId: 's1', questionId: 'q1', parentId: 'p1' };
const comment: DraftTarget = { kind: 'comment', spaceId: 's1', questionId: 'q1' };

function store(indexedDB = new IDBFactory()) {
  return { indexedDB, drafts: new DraftStore({ indexedDB, IDBKeyRange }) };
}

describe('DraftStore', () => {
  it('keeps one draft per target and restores it after the app is closed and reopened', async () => {
    const { indexedDB, drafts } = store();
    await drafts.save({ target: reply, text: 'first words', anonymous: false, lang: 'fr' });
    await drafts.save({ target: reply, text: 'first words, then more', anonymous: true, lang: 'fr' });
    drafts.close();

    const reopened = new DraftStore({ indexedDB, IDBKeyRange });
    const restored = await reopened.get(draftKey(reply));
    expect(restored).toMatchObject({
      text: 'first words, then more',
      anonymous: true,
      lang: 'fr',
      target: reply,
    });
    expect(await reopened.list()).toHaveLength(1);
    reopened.close();
  });

  it('lists drafts newest first and forgets one whose text was emptied or discarded', async () => {
    const { drafts } = store();
    await drafts.save({ target: comment, text: 'older', anonymous: false, lang: 'en' });
    await new Promise((r) => setTimeout(r, 5));
    await drafts.save({ target: reply, text: 'newer', anonymous: false, lang: 'en' });
    expect((await drafts.list()).map((d) => d.text)).toEqual(['newer', 'older']);

    await drafts.save({ target: comment, text: '   ', anonymous: false, lang: 'en' });
    await drafts.discard(draftKey(reply));
    expect(await drafts.list()).toEqual([]);
    drafts.close();
  });

  it('names the targets so that a reply, a comment and an edit never share a draft', () => {
    expect(
      new Set([
        draftKey(comment),
        draftKey(reply),
        draftKey({ kind: 'edit', spaceId: 's1', questionId: 'q1', postId: 'p1' }),
      ]).size,
    ).toBe(3);
  });
});

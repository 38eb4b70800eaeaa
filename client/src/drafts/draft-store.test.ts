import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS_OWNER, DraftStore, draftKey, ownedDraftKey, type DraftTarget } from './draft-store';

const reply: DraftTarget = { kind: 'reply', spaceId: 's1', questionId: 'q1', parentId: 'p1' };
const comment: DraftTarget = { kind: 'comment', spaceId: 's1', questionId: 'q1' };
const ana = 'user-ana';
const ben = 'user-ben';

function store(indexedDB = new IDBFactory()) {
  return { indexedDB, drafts: new DraftStore({ indexedDB, IDBKeyRange }) };
}

describe('DraftStore', () => {
  it('keeps one draft per target and restores it after the app is closed and reopened', async () => {
    const { indexedDB, drafts } = store();
    await drafts.save({ owner: ana, target: reply, text: 'first words', anonymous: false, lang: 'fr' });
    await drafts.save({
      owner: ana,
      target: reply,
      text: 'first words, then more',
      anonymous: true,
      lang: 'fr',
    });
    drafts.close();

    const reopened = new DraftStore({ indexedDB, IDBKeyRange });
    const restored = await reopened.get(ana, reply);
    expect(restored).toMatchObject({
      text: 'first words, then more',
      anonymous: true,
      lang: 'fr',
      target: reply,
      owner: ana,
    });
    expect(await reopened.list(ana)).toHaveLength(1);
    reopened.close();
  });

  it('lists drafts newest first and forgets one whose text was emptied or discarded', async () => {
    const { drafts } = store();
    await drafts.save({ owner: ana, target: comment, text: 'older', anonymous: false, lang: 'en' });
    await new Promise((r) => setTimeout(r, 5));
    await drafts.save({ owner: ana, target: reply, text: 'newer', anonymous: false, lang: 'en' });
    expect((await drafts.list(ana)).map((d) => d.text)).toEqual(['newer', 'older']);

    await drafts.save({ owner: ana, target: comment, text: '   ', anonymous: false, lang: 'en' });
    await drafts.discard(ownedDraftKey(ana, reply));
    expect(await drafts.list(ana)).toEqual([]);
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

  it('keeps each person’s draft of the same target apart on a shared phone', async () => {
    const { drafts } = store();
    await drafts.save({ owner: ana, target: comment, text: 'Ana, anonymously', anonymous: true, lang: 'en' });

    // Ben signs in on the same phone: none of Ana's drafts is his, the same composer is empty.
    expect(await drafts.get(ben, comment)).toBeUndefined();
    expect(await drafts.list(ben)).toEqual([]);
    expect(await drafts.list(ANONYMOUS_OWNER)).toEqual([]);

    await drafts.save({ owner: ben, target: comment, text: 'Ben, by name', anonymous: false, lang: 'en' });
    expect((await drafts.list(ben)).map((d) => d.text)).toEqual(['Ben, by name']);
    expect(await drafts.get(ana, comment)).toMatchObject({ text: 'Ana, anonymously', anonymous: true });

    // Ben empties his composer, then wipes his drafts when signing out: Ana's draft is untouched.
    await drafts.save({ owner: ben, target: comment, text: '', anonymous: false, lang: 'en' });
    await drafts.save({ owner: ben, target: reply, text: 'a reply', anonymous: false, lang: 'en' });
    await drafts.clear(ben);
    expect(await drafts.list(ben)).toEqual([]);
    expect((await drafts.list(ana)).map((d) => d.text)).toEqual(['Ana, anonymously']);
    drafts.close();
  });

  it('gives drafts written before they had an owner to the person signed in at the upgrade, else to nobody signed in', async () => {
    for (const [signedIn, owner] of [
      [ana, ana],
      [null, ANONYMOUS_OWNER],
    ] as const) {
      const indexedDB = new IDBFactory();
      // The database as version 1 of the app left it: one draft per target, no owner.
      const v1 = new Dexie('parley-drafts', { indexedDB, IDBKeyRange });
      v1.version(1).stores({ drafts: 'key, updatedAt' });
      await v1.table('drafts').put({
        key: draftKey(comment),
        target: comment,
        text: 'written before the upgrade',
        anonymous: true,
        lang: 'en',
        updatedAt: new Date().toISOString(),
      });
      v1.close();

      const drafts = new DraftStore({ indexedDB, IDBKeyRange, legacyOwner: () => signedIn });
      expect(await drafts.get(owner, comment)).toMatchObject({
        owner,
        key: ownedDraftKey(owner, comment),
        text: 'written before the upgrade',
        anonymous: true,
      });
      expect(await drafts.list(ben)).toEqual([]);
      expect(await drafts.list(owner)).toHaveLength(1);
      drafts.close();
    }
  });
});

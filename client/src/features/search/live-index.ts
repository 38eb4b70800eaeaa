import { useEffect, useReducer, useState } from 'react';
import type { Post, Question, Space } from '@parley/shared';
import { useData } from '../../db/context';
import type { ParleyDatabase } from '../../db/database';
import { followEverything, type Change, type Everything } from '../../db/follow';
import { pickLocalized } from '../../i18n/localized';
import { SearchIndex } from './search-index';
import type { SearchDoc } from './text-search';

/** Published posts, and the reader's own in any state; never what is blanked. */
const searchable = (p: Post, viewerId: string | null) =>
  p.status === 'approved' || (viewerId !== null && p.authorId === viewerId);

const postDoc = (p: Post): SearchDoc => ({
  id: p.id,
  kind: 'post',
  title: '',
  body: p.body,
  spaceId: p.spaceId,
  questionId: p.questionId,
  lang: p.lang,
});

/**
 * The search index of one database, built once (in slices) when search is first opened and then
 * kept current change by change for the rest of the session, so that coming back to search
 * finds it ready. Spaces and questions (a few dozen) are indexed in the reader's language and
 * re-indexed when it changes; posts do not depend on it.
 */
export class LiveIndex {
  readonly index = new SearchIndex();
  ready = false;
  /** Bumped after each batch of changes: a component re-searches when it moves. */
  version = 0;
  private readonly spaces = new Map<string, Space>();
  private readonly questions = new Map<string, Question>();
  private lang = 'en';
  private listeners = new Set<() => void>();
  private work: Promise<void> = Promise.resolve();
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  readonly stop: () => void;

  constructor(
    db: ParleyDatabase,
    private readonly viewerId: string | null,
  ) {
    this.stop = followEverything(
      db,
      (all) => this.enqueue(() => this.load(all)),
      (change) => this.enqueue(() => this.apply(change)),
    );
  }

  slugOf(spaceId: string): string | undefined {
    return this.spaces.get(spaceId)?.slug;
  }

  setLang(lang: string): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.enqueue(() => this.reindexTitles());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private enqueue(step: () => void | Promise<void>): void {
    this.work = this.work.then(step).then(
      () => this.changed(),
      (error: unknown) => console.error('search index', error),
    );
  }

  /** Listeners hear of a burst of changes (a page of sync) once. */
  private changed(): void {
    this.version += 1;
    clearTimeout(this.notifyTimer);
    this.notifyTimer = setTimeout(() => this.listeners.forEach((l) => l()), 50);
  }

  private async load(all: Everything): Promise<void> {
    for (const s of all.spaces) this.spaces.set(s.id, s);
    for (const q of all.questions) this.questions.set(q.id, q);
    this.reindexTitles();
    await this.index.addAll(all.posts.filter((p) => searchable(p, this.viewerId)).map(postDoc));
    this.ready = true;
  }

  private apply(change: Change): void {
    switch (change.collection) {
      case 'spaces':
        if (change.doc) this.spaces.set(change.id, change.doc);
        else this.spaces.delete(change.id);
        this.reindexTitles();
        return;
      case 'questions':
        if (change.doc) this.questions.set(change.id, change.doc);
        else this.questions.delete(change.id);
        this.reindexTitles();
        return;
      case 'posts':
        if (change.doc && searchable(change.doc, this.viewerId)) this.index.put(postDoc(change.doc));
        else this.index.remove('post', change.id);
        return;
    }
  }

  private reindexTitles(): void {
    for (const s of this.spaces.values())
      this.index.put({
        id: s.id,
        kind: 'space',
        title: pickLocalized(s.title, this.lang, s.languages).text,
        body: pickLocalized(s.intro, this.lang, s.languages).text,
        spaceId: s.id,
      });
    for (const q of this.questions.values()) {
      const space = this.spaces.get(q.spaceId);
      if (!space) continue;
      this.index.put({
        id: q.id,
        kind: 'question',
        title: pickLocalized(q.title, this.lang, space.languages).text,
        body: pickLocalized(q.body, this.lang, space.languages).text,
        spaceId: q.spaceId,
      });
    }
  }
}

let current: { db: ParleyDatabase; viewerId: string | null; live: LiveIndex } | null = null;

/** The live index of the open database, made on first use and replaced when the database is. */
function liveIndexFor(db: ParleyDatabase, viewerId: string | null): LiveIndex {
  if (current?.db === db && current.viewerId === viewerId) return current.live;
  current?.live.stop();
  current = { db, viewerId, live: new LiveIndex(db, viewerId) };
  return current.live;
}

/** The index, re-rendering the caller as it fills and changes; undefined until it is built. */
export function useLiveIndex(lang: string, viewerId: string | null): LiveIndex | undefined {
  const { db } = useData();
  const [live, setLive] = useState<LiveIndex>();
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!db) return;
    const index = liveIndexFor(db, viewerId);
    index.setLang(lang);
    setLive(index);
    return index.subscribe(bump);
  }, [db, viewerId, lang]);
  return live?.ready ? live : undefined;
}

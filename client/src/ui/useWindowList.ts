import { useCallback, useLayoutEffect, useRef, useState, type CSSProperties, type FocusEvent } from 'react';
import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';

/** Lists up to this long render every item: small threads and queues keep their whole DOM. */
export const RENDER_ALL_UP_TO = 60;

export interface WindowListItem<T> {
  item: T;
  index: number;
  /** Spread on the item's <li>: position, size in the set, and what the virtualizer measures. */
  props: {
    'data-index': number;
    ref?: (el: HTMLElement | null) => void;
    style?: CSSProperties;
    'aria-posinset'?: number;
    'aria-setsize'?: number;
  };
}

/**
 * A long list in a page that scrolls as a whole (a thread, the moderation queue): past
 * RENDER_ALL_UP_TO items, only those near the viewport are in the DOM (@tanstack/react-virtual,
 * heights measured as items mount). What keeps it usable without a mouse:
 *  1. the item holding focus (and any the caller pins, e.g. one with an open composer) stays
 *     mounted when it scrolls away, so focus is never dropped to <body>;
 *  2. a few items either side of the viewport are mounted, and focusing an item scrolls it into
 *     view, so Tab reaches the next item before it is needed;
 *  3. each item says where it sits in the whole list (aria-posinset / aria-setsize).
 */
export function useWindowList<T>(
  items: readonly T[],
  {
    keyOf,
    estimateSize,
    gap,
    pinned = [],
  }: { keyOf: (item: T) => string; estimateSize: number; gap: number; pinned?: readonly number[] },
) {
  const virtual = items.length > RENDER_ALL_UP_TO;
  const listRef = useRef<HTMLOListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);

  // Where the list starts in the page: content above it (question, filters) moves it. Measured
  // after every render, on purpose; it only sets state when the figure changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!virtual || !el) return;
    const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
    if (top !== scrollMargin) setScrollMargin(top);
  });

  const pinnedKey = pinned.join(',');
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = new Set(defaultRangeExtractor(range));
      const keep = pinnedKey ? pinnedKey.split(',').map(Number) : [];
      if (focused !== null) keep.push(focused);
      for (const i of keep) if (i >= 0 && i < range.count) indexes.add(i);
      return [...indexes].sort((a, b) => a - b);
    },
    [focused, pinnedKey],
  );

  // Stable between renders: the virtualizer recomputes every item's offset when these change.
  const keyOfRef = useRef(keyOf);
  keyOfRef.current = keyOf;
  const getItemKey = useCallback((i: number) => keyOfRef.current(items[i]!), [items]);
  const estimate = useCallback(() => estimateSize, [estimateSize]);
  const virtualizer = useWindowVirtualizer<HTMLElement>({
    count: virtual ? items.length : 0,
    estimateSize: estimate,
    gap,
    overscan: 4,
    scrollMargin,
    getItemKey,
    rangeExtractor,
  });

  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const at = (e.target as Element).closest('[data-index]')?.getAttribute('data-index');
    if (at != null && Number(at) !== focused) setFocused(Number(at));
  };
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget)) setFocused(null);
  };

  const shown: WindowListItem<T>[] = virtual
    ? virtualizer.getVirtualItems().map((v) => ({
        item: items[v.index]!,
        index: v.index,
        props: {
          'data-index': v.index,
          ref: virtualizer.measureElement,
          style: {
            position: 'absolute',
            insetInlineStart: 0,
            insetInlineEnd: 0,
            top: v.start - scrollMargin,
          },
          'aria-posinset': v.index + 1,
          'aria-setsize': items.length,
        },
      }))
    : items.map((item, index) => ({ item, index, props: { 'data-index': index } }));

  return {
    virtual,
    shown,
    /** Spread on the <ol>. */
    listProps: {
      ref: listRef,
      onFocus,
      onBlur,
      style: virtual
        ? ({ position: 'relative', blockSize: virtualizer.getTotalSize() } satisfies CSSProperties)
        : undefined,
    },
    /** Scrolls the item at `index` into view (mounting it first when it is far away). */
    scrollToIndex: (index: number) => virtualizer.scrollToIndex(index, { align: 'start' }),
  };
}

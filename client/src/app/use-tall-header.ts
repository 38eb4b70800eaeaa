import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the header is too tall to stay stuck to the top: with large text (200%) on a small
 * phone its rows wrap, and a sticky header would hide a third of the screen. It then scrolls
 * away with the page (the connection state is still announced when it changes).
 */
export function useTallHeader(header: RefObject<HTMLElement | null>): boolean {
  const [tall, setTall] = useState(false);
  useEffect(() => {
    const el = header.current;
    if (!el) return;
    const measure = () => setTall(el.offsetHeight > window.innerHeight / 4);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [header]);
  return tall;
}

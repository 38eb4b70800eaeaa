import { useEffect, useRef, type ReactNode } from 'react';

let firstScreen = true;

/**
 * The one h1 of a screen. It sets the document title and takes focus when the screen changes, so a
 * screen-reader user hears where they arrived after a client-side navigation.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Parley`;
  }, [title]);
  useEffect(() => {
    // Not on the very first screen: there the browser starts at the top of the document.
    if (!firstScreen) ref.current?.focus();
    firstScreen = false;
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Loading() {
  return <div className="loading" aria-hidden="true" />;
}

import { linkify } from './linkify';

/** Splits plain text into paragraphs at blank lines; single newlines stay line breaks (CSS pre-line). */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * User text, rendered as text: React escapes it, nothing is ever parsed as HTML. Only http(s)
 * addresses become links, opened in a new tab that cannot reach back to this one (noopener),
 * without telling the site where the reader came from (noreferrer), and without vouching for it
 * (nofollow). Each paragraph takes its direction from its own first strong letter (dir="auto"), so an
 * Arabic paragraph reads right-to-left inside an English UI, and an English one left-to-right in Arabic.
 */
export function PlainText({ text, lang, className }: { text: string; lang?: string; className?: string }) {
  return (
    <div className={['plain-text', className].filter(Boolean).join(' ')} lang={lang}>
      {paragraphs(text).map((p, i) => (
        <p key={i} dir="auto">
          {linkify(p).map((segment, j) =>
            segment.kind === 'link' ? (
              <a key={j} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
                {segment.text}
              </a>
            ) : (
              segment.text
            ),
          )}
        </p>
      ))}
    </div>
  );
}

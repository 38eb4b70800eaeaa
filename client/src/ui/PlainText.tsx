/** Splits plain text into paragraphs at blank lines; single newlines stay line breaks (CSS pre-line). */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** User text, rendered as text: React escapes it, nothing is ever parsed as HTML. */
export function PlainText({ text, lang, className }: { text: string; lang?: string; className?: string }) {
  return (
    <div className={['plain-text', className].filter(Boolean).join(' ')} lang={lang}>
      {paragraphs(text).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

/**
 * The comment in an e-mail: its text part (mailparser turns an HTML-only message into text, so
 * no markup is ever stored), without the quoted message a reply usually carries below it.
 */
export function commentText(text: string | undefined): string {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').split('\n');
  // A reply's quote: the trailing block of "> " lines, and the "On …, X wrote:" line above it.
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  let quoteStart = end;
  while (quoteStart > 0 && (lines[quoteStart - 1]!.startsWith('>') || lines[quoteStart - 1]!.trim() === '')) {
    quoteStart--;
  }
  if (quoteStart < end && lines.slice(quoteStart, end).some((l) => l.startsWith('>'))) {
    end = quoteStart;
    while (end > 0 && lines[end - 1]!.trim() === '') end--;
    if (end > 0 && /:\s*$/.test(lines[end - 1]!)) end--;
  }
  // A signature after the standard "-- " separator is not part of the comment.
  const sig = lines.slice(0, end).lastIndexOf('-- ');
  if (sig > 0) end = sig;
  return lines
    .slice(0, end)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SCRIPTS: [RegExp, string][] = [
  [/[\u0600-\u06ff]/g, 'ar'],
  [/[\u0400-\u04ff]/g, 'ru'],
];

/**
 * The comment's language among the space's: the message's Content-Language when it names one,
 * else Arabic or Cyrillic script when most letters are in it, else the space's first language.
 */
export function commentLang(text: string, contentLanguage: string | undefined, languages: string[]): string {
  const first = languages[0] ?? 'en';
  const declared = (contentLanguage ?? '')
    .toLowerCase()
    .split(/[,\s]+/)[0]
    ?.split('-')[0];
  if (declared && languages.includes(declared)) return declared;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  for (const [script, lang] of SCRIPTS) {
    if (languages.includes(lang) && letters > 0 && (text.match(script) ?? []).length * 2 > letters)
      return lang;
  }
  return first;
}

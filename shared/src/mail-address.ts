/**
 * The addresses that take comments by e-mail (server/src/inbound-mail/addresses.ts routes them):
 * a space's contact address, with a `+tag` for one question (`q<position + 1>`) or for a reply
 * to one published post (`reply-<postId>`). The client shows them; the server reads them.
 */
export const questionMailTag = (position: number) => `q${position + 1}`;
export const replyMailTag = (postId: string) => `reply-${postId}`;

/** `local@domain` with `+tag` added to the local part; null without a contact address. */
export function taggedAddress(contactEmail: string | null, tag: string): string | null {
  if (!contactEmail) return null;
  const at = contactEmail.lastIndexOf('@');
  if (at <= 0) return null;
  const local = contactEmail.slice(0, at).split('+')[0];
  return `${local}+${tag}@${contactEmail.slice(at + 1)}`;
}

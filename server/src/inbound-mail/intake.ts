import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Upload } from '@tus/server';
import { MAX_POST_CHARS, type Attachment, type MailNote } from '@parley/shared';
import type { AppContext } from '../app-context';
import { uuidv7 } from '../db/uuid';
import { writeTx } from '../db/write';
import { insertPost } from '../posts/post-repository';
import { phaseVerdict } from '../phases/phase-rule';
import { insertAttachedUpload } from '../attachments/upload-repository';
import { sniffAllowedType } from '../attachments/sniff';
import { maxUploadBytesOf } from '../attachments/upload-config';
import { cleanFileName } from '../attachments/tus-uploads';
import type { UploadStorage } from '../attachments/storage/upload-storage';
import { say, serverLang } from '../i18n/messages';
import { MailRefusal, type MailRoute } from './addresses';
import type { MailAccount } from './mail-account';
import { commentLang, commentText } from './mail-text';
import { inboundMailSeen, recordInboundMail } from './inbound-repository';
import { notifyModeratorsOfQueueLater } from '../notifications/queue-notice';

/** A post carries at most 10 files (the Post schema); the rest are left out, with a note. */
const MAX_FILES = 10;

export type Intake = { outcome: 'stored' | 'duplicate'; postId: string | null } | { outcome: 'ignored' };

class AlreadyStored extends Error {}

/** A plain header's value (mailparser gives structured headers as objects). */
function headerText(mail: ParsedMail, name: string, absent: string): string {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    return value.value;
  }
  return absent;
}

/** One post per message and destination: the same Message-ID sent to two questions lands in both. */
function dedupKey(mail: ParsedMail, raw: Buffer, route: MailRoute): string {
  const id =
    mail.messageId?.trim().slice(0, 900) || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  return `${id} ${route.parentId ?? route.questionId}`;
}

/** The sender's name as written in From, as a label only; absent = "someone who wrote by e-mail". */
function senderLabel(name: string | undefined, lang: string): string {
  const clean = (name ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return clean || say(serverLang(lang), 'inboundMail.unnamed');
}

interface StoredFile extends Attachment {
  ownerId: string;
}

/**
 * Turns one received message into a pending post of `route`, on behalf of its sender, authored by
 * the mail account. Throws MailRefusal for a message it will not take (nothing is stored then).
 *
 * 1. Parse; an automatic reply (Auto-Submitted) is taken and dropped, so no loop starts.
 * 2. A message already stored for this destination (same Message-ID) lands once.
 * 3. The phase rule of posts written offline: the Date header plays the device's clock.
 * 4. Files are written to the upload store and sniffed; refused ones are removed and noted.
 * 5. One transaction: the upload rows, the post, its note, the Message-ID. Any failure removes
 *    the files written in 4.
 */
export async function takeMail(
  ctx: AppContext,
  storage: UploadStorage,
  account: MailAccount,
  route: MailRoute,
  raw: Buffer,
  now = Date.now(),
): Promise<Intake> {
  // 1.
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch {
    throw new MailRefusal(550, '5.6.0 The message could not be read as MIME; nothing was stored.');
  }
  const auto = headerText(mail, 'auto-submitted', 'no').toLowerCase();
  if (auto !== 'no') return { outcome: 'ignored' };
  const from = mail.from?.value.find((a) => a.address);
  if (!from?.address) throw new MailRefusal(550, '5.6.0 The message has no sender address in From.');

  // 2.
  const key = dedupKey(mail, raw, route);
  if (await inboundMailSeen(ctx.db, key)) return { outcome: 'duplicate', postId: null };

  // 3.
  const date = mail.date?.getTime();
  const createdAt = new Date(
    date !== undefined && Number.isFinite(date) && date <= now ? date : now,
  ).toISOString();
  const verdict = phaseVerdict(route.phase, createdAt, now);
  if (!verdict.accept) {
    throw new MailRefusal(550, '5.7.1 This question does not take comments now: its phase is closed.');
  }

  const body = commentText(mail.text);
  if (body.length > MAX_POST_CHARS) {
    throw new MailRefusal(
      550,
      `5.3.4 The comment is longer than ${MAX_POST_CHARS} characters; please shorten it or attach it as a file.`,
    );
  }
  // Images an HTML message shows inline (a signature's logo) are part of its layout, not files.
  const parts = mail.attachments.filter((a) => !a.related);
  if (body === '' && parts.length === 0) {
    throw new MailRefusal(550, '5.6.0 The message has no text and no file: nothing to post.');
  }
  const lang = commentLang(body, headerText(mail, 'content-language', ''), route.space.languages);

  // 4.
  const maxBytes = maxUploadBytesOf(ctx.config);
  const stored: StoredFile[] = [];
  const dropped: MailNote['dropped'] = [];
  try {
    for (const part of parts) {
      const name = cleanFileName(part.filename ?? part.contentType.replace('/', '.'));
      const content = part.content;
      if (stored.length >= MAX_FILES) dropped.push({ name, why: 'count' });
      else if (content.length > maxBytes) dropped.push({ name, why: 'size' });
      else {
        const id = uuidv7();
        await storage.datastore.create(
          new Upload({ id, size: content.length, offset: 0, metadata: { filename: name } }),
        );
        await storage.datastore.write(Readable.from([content]), id, 0);
        const mime = await sniffAllowedType(storage, id).catch(() => null);
        if (mime === null) {
          await storage.remove(id);
          dropped.push({ name, why: 'type' });
        } else stored.push({ id, name, size: content.length, mime, ownerId: account.id });
      }
    }

    if (body === '' && stored.length === 0) {
      throw new MailRefusal(
        550,
        '5.6.0 The message has no text, and its files are of types Parley does not take.',
      );
    }
    // 5.
    const note: MailNote = {
      from: from.address.slice(0, 320),
      subject: (mail.subject ?? '').slice(0, 200),
      dropped: dropped.slice(0, 10).map((d) => ({ ...d, name: d.name.slice(0, 100) })),
    };
    const postId = uuidv7();
    await writeTx(ctx, ['posts'], async (tx) => {
      for (const file of stored) await insertAttachedUpload(tx, file);
      await insertPost(tx, {
        id: postId,
        spaceId: route.space.id,
        questionId: route.questionId,
        parentId: route.parentId,
        authorId: account.id,
        authorName: account.displayName,
        authorOrganisation: null,
        anonymous: false,
        lang,
        body,
        attachments: stored.map(({ id, name, size, mime }) => ({ id, name, size, mime })),
        onBehalfOf: senderLabel(from.name, lang),
        createdAt,
        status: 'pending',
        writtenBeforeClose: verdict.writtenBeforeClose,
        mailNote: note,
      });
      if (!(await recordInboundMail(tx, key, postId))) throw new AlreadyStored();
    });
    ctx.logger?.info({ postId, spaceId: route.space.id, files: stored.length }, 'comment received by e-mail');
    // Like a post pushed from a phone: its moderators hear that something waits.
    notifyModeratorsOfQueueLater(ctx, route.space.id, route.questionId);
    return { outcome: 'stored', postId };
  } catch (err) {
    await Promise.all(stored.map((f) => storage.remove(f.id).catch(() => undefined)));
    if (err instanceof AlreadyStored) return { outcome: 'duplicate', postId: null };
    throw err;
  }
}

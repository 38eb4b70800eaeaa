import { questionMailTag } from '@parley/shared';
import type { Config } from '../config/config';
import type { Queryable } from '../db/db';
import { LATE_GRACE_MS } from '../phases/phase-rule';
import { findMailSpace, findRepliable, mailQuestions, type MailSpace } from './inbound-repository';

/**
 * Where an e-mail goes, from its envelope recipient (RCPT TO), never from headers:
 *
 *   <base>@<domain>               the space: its first question open now
 *   <base>+q<N>@<domain>          the space's question N (its position + 1, as numbered on screen)
 *   <base>+reply-<postId>@<domain> a reply to that published post
 *
 * where <base>@<domain> is the space's contact address (any case), or <slug>@INBOUND_MAIL_DOMAIN.
 */
export interface MailRoute {
  space: MailSpace;
  questionId: string;
  parentId: string | null;
  phase: { opensAt: string; closesAt: string } | null;
}

/** A refusal the SMTP client is told about (a 5xx: the sending server bounces it to the sender). */
export class MailRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function splitAddress(address: string) {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  const plus = local.indexOf('+');
  return plus < 0
    ? { base: local, tag: '', domain }
    : { base: local.slice(0, plus), tag: local.slice(plus + 1), domain };
}

const noSuchAddress = (address: string) =>
  new MailRefusal(550, `5.1.1 <${address}>: no such Parley address (no space or question takes mail here)`);

/** Would a post received now for this phase have any chance (open, or closed within the grace)? */
function phaseTakesMail(phase: MailRoute['phase'], now: number): 'open' | 'late' | 'no' {
  if (!phase || now < Date.parse(phase.opensAt)) return 'no';
  const closes = Date.parse(phase.closesAt);
  if (now < closes) return 'open';
  return now - closes <= LATE_GRACE_MS ? 'late' : 'no';
}

export async function routeRecipient(
  q: Queryable,
  config: Pick<Config, 'inboundMailDomain'>,
  address: string,
  now = Date.now(),
): Promise<MailRoute> {
  const parts = splitAddress(address.trim());
  if (!parts) throw noSuchAddress(address);
  const space =
    (await findMailSpace(q, { contactEmail: `${parts.base}@${parts.domain}` })) ??
    (config.inboundMailDomain === parts.domain ? await findMailSpace(q, { slug: parts.base }) : null);
  if (!space) throw noSuchAddress(address);

  const questions = await mailQuestions(q, space.id);
  const phaseOf = (phaseId: string) => space.phases.find((p) => p.id === phaseId) ?? null;
  const closed = () =>
    new MailRefusal(
      550,
      `5.7.1 <${address}>: this question does not take comments now (its phase is closed)`,
    );

  if (parts.tag === '') {
    // The first question open now; else one whose phase closed within the grace (a late mail).
    const open = questions.find((x) => phaseTakesMail(phaseOf(x.phaseId), now) === 'open');
    const late = questions.find((x) => phaseTakesMail(phaseOf(x.phaseId), now) === 'late');
    const question = open ?? late;
    if (!question) {
      throw new MailRefusal(550, `5.7.1 <${address}>: no question of this space takes comments now`);
    }
    return { space, questionId: question.id, parentId: null, phase: phaseOf(question.phaseId) };
  }

  const numbered = /^q(\d{1,5})$/.exec(parts.tag);
  if (numbered) {
    const question = questions.find((x) => questionMailTag(x.position) === parts.tag);
    if (!question) throw noSuchAddress(address);
    const phase = phaseOf(question.phaseId);
    if (phaseTakesMail(phase, now) === 'no') throw closed();
    return { space, questionId: question.id, parentId: null, phase };
  }

  // The tags are shared/src/mail-address.ts's (questionMailTag, replyMailTag).
  const reply = /^reply-(.+)$/.exec(parts.tag);
  if (reply && UUID.test(reply[1]!)) {
    const parent = await findRepliable(q, reply[1]!);
    const question = parent && questions.find((x) => x.id === parent.questionId);
    if (!parent || parent.spaceId !== space.id || !question) throw noSuchAddress(address);
    const phase = phaseOf(question.phaseId);
    if (phaseTakesMail(phase, now) === 'no') throw closed();
    return { space, questionId: question.id, parentId: parent.id, phase };
  }
  throw noSuchAddress(address);
}

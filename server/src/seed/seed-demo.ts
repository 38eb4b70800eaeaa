import type { Phase } from '@parley/shared';
import { findUser, createUser } from '../auth/users';
import { uuidv7 } from '../db/uuid';
import { writeTx, type WriteDeps } from '../db/write';
import { insertPost } from '../posts/post-repository';
import { assignModerator } from '../spaces/moderator-assignments';
import { countSpaces, upsertQuestion, upsertSpace } from '../spaces/space-repository';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_POSTS,
  DEMO_QUESTION_MODERATOR,
  DEMO_QUESTIONS,
  DEMO_REASON_TEMPLATES,
  DEMO_SPACE,
  type DemoAccountKey,
} from './demo-content';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The demo's dates move with the clock so the demo is always usable: the consultation opened two
 * weeks ago and closes in four; the reflections phase follows it for eight weeks.
 */
export function demoPhases(now = Date.now()): { consultation: Phase; reflections: Phase } {
  const consultationCloses = now + 28 * DAY;
  return {
    consultation: {
      id: uuidv7(),
      name: DEMO_SPACE.phases.consultation,
      opensAt: new Date(now - 14 * DAY).toISOString(),
      closesAt: new Date(consultationCloses).toISOString(),
      timeZone: 'UTC',
    },
    reflections: {
      id: uuidv7(),
      name: DEMO_SPACE.phases.reflections,
      opensAt: new Date(consultationCloses).toISOString(),
      closesAt: new Date(consultationCloses + 56 * DAY).toISOString(),
      timeZone: 'UTC',
    },
  };
}

export interface SeedResult {
  seeded: boolean;
  spaceId: string | null;
}

/**
 * Seeds the demo space when the database has no space yet. Existing demo accounts are reused,
 * so an account created by the admin command first does not stop the seed.
 */
export async function seedDemo(deps: WriteDeps, now = Date.now()): Promise<SeedResult> {
  if ((await countSpaces(deps.db)) > 0) return { seeded: false, spaceId: null };

  const users = {} as Record<DemoAccountKey, { id: string; displayName: string }>;
  for (const account of DEMO_ACCOUNTS) {
    const user =
      (await findUser(deps.db, account.email)) ??
      (await createUser(deps.db, { ...account, password: DEMO_PASSWORD }));
    if (!user) throw new Error(`could not create demo account ${account.email}`);
    users[account.key] = user;
  }

  const phases = demoPhases(now);
  const spaceId = uuidv7(now);
  const questionIds = DEMO_QUESTIONS.map(() => uuidv7(now));
  await writeTx(deps, ['spaces', 'questions', 'posts'], async (tx) => {
    await upsertSpace(tx, {
      id: spaceId,
      slug: DEMO_SPACE.slug,
      title: DEMO_SPACE.title,
      intro: DEMO_SPACE.intro,
      audience: DEMO_SPACE.audience,
      languages: DEMO_SPACE.languages,
      phases: [phases.consultation, phases.reflections],
      contactEmail: DEMO_SPACE.contactEmail,
      reasonTemplates: DEMO_REASON_TEMPLATES,
    });
    for (const [position, question] of DEMO_QUESTIONS.entries()) {
      await upsertQuestion(tx, {
        id: questionIds[position]!,
        spaceId,
        phaseId: phases[question.phase].id,
        position,
        title: question.title,
        body: question.body,
      });
    }
    const postIds = DEMO_POSTS.map((p) => uuidv7(now - p.daysAgo * DAY));
    for (const [i, post] of DEMO_POSTS.entries()) {
      const author = users[post.author];
      await insertPost(tx, {
        id: postIds[i]!,
        spaceId,
        questionId: questionIds[post.question]!,
        parentId: post.replyTo === undefined ? null : postIds[post.replyTo]!,
        authorId: author.id,
        authorName: author.displayName,
        authorOrganisation: null,
        anonymous: post.anonymous ?? false,
        lang: post.lang,
        body: post.body,
        attachments: [],
        onBehalfOf: null,
        // The demo's welcome messages come from its moderators.
        fromModerator: post.author === 'global' || post.author === 'regional',
        createdAt: new Date(now - post.daysAgo * DAY).toISOString(),
        status: 'approved',
      });
    }
  });
  await assignModerator(deps, users.global.id, null);
  await assignModerator(deps, users.regional.id, spaceId);
  await assignModerator(deps, users[DEMO_QUESTION_MODERATOR.account].id, {
    spaceId,
    questionId: questionIds[DEMO_QUESTION_MODERATOR.question]!,
  });
  return { seeded: true, spaceId };
}

/** The demo accounts present in this database (printed at start so a newcomer can sign in). */
export async function existingDemoAccounts(deps: WriteDeps) {
  const present = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findUser(deps.db, account.email)) present.push(account);
  }
  return present;
}

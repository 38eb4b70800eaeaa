import { LANGS, makeBody, seededRandom, type BenchLang } from './words';

type Localized = Record<string, string>;

/**
 * The documents as the bench writes them. Declared here rather than taken from @parley/shared:
 * fields the server defaults (added as the product grows) need not be spelled out by the bench.
 */
export interface BenchSpace {
  id: string;
  slug: string;
  title: Localized;
  intro: Localized;
  audience: Localized;
  languages: BenchLang[];
  phases: { id: string; name: Localized; opensAt: string; closesAt: string }[];
  contactEmail: null;
  moderators: never[];
  updatedAt: string;
}

export interface BenchQuestion {
  id: string;
  spaceId: string;
  phaseId: string;
  position: number;
  title: Localized;
  body: Localized;
  updatedAt: string;
}

export interface BenchPost {
  id: string;
  spaceId: string;
  questionId: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string;
  anonymous: boolean;
  lang: BenchLang;
  body: string;
  attachments: never[];
  status: 'approved';
  moderationReason: null;
  onBehalfOf: null;
  createdAt: string;
  receivedAt: string;
  updatedAt: string;
  refusal: null;
}

/** Deterministic ids: a UUIDv7 (ms timestamp, then random bits) as the devices make them. */
function uuidv7At(ms: number, random: () => number): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
  const rand = (digits: number) => Array.from({ length: digits }, () => hex(random() * 16, 1)).join('');
  const time = hex(ms, 12);
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${rand(3)}-${variant}${rand(3)}-${rand(12)}`;
}

export interface BenchUser {
  id: string;
  email: string;
  displayName: string;
  role: 'participant' | 'moderator';
}

export interface Corpus {
  space: BenchSpace;
  questions: BenchQuestion[];
  users: BenchUser[];
  /** Approved posts as an anonymous device receives them (less `_deleted` and server defaults). */
  posts: BenchPost[];
}

export const BENCH_PASSWORD = 'bench-password-1234';
const START = Date.UTC(2025, 0, 6, 8, 0, 0);
const NAMES = ['Ana', 'Brice', 'Chloé', 'Dmitri', 'Elena', 'Farid', 'Guadalupe', 'Hélène', 'Igor', 'Jana'];
const SURNAMES = [
  'Martin',
  'García',
  'Ivanova',
  'Dubois',
  'López',
  'Smirnov',
  'Moreau',
  'Smith',
  'Ruiz',
  'Bernard',
];

/** The same space, questions, authors and posts for Parley and the peer, from one seed. */
export function makeCorpus(postCount: number, seed = 7): Corpus {
  const random = seededRandom(seed);
  const id = (offsetMs: number) => uuidv7At(START + offsetMs, random);
  const localized = (text: string) => Object.fromEntries(LANGS.map((l) => [l, `${text} (${l})`]));
  const phaseId = id(0);
  const space: BenchSpace = {
    id: id(1),
    slug: 'bench-neighbourhood',
    title: localized('Our neighbourhood'),
    intro: localized('Tell the council what should change in the neighbourhood.'),
    audience: localized('Residents'),
    languages: [...LANGS],
    phases: [
      {
        id: phaseId,
        name: localized('Ideas'),
        opensAt: '2020-01-01T00:00:00.000Z',
        closesAt: '2099-12-31T00:00:00.000Z',
      },
    ],
    contactEmail: null,
    moderators: [],
    updatedAt: new Date(START).toISOString(),
  };
  const questions: BenchQuestion[] = [
    'What should change on your street?',
    'Where do you feel unsafe?',
    'How should the budget be spent?',
  ].map((title, position) => ({
    id: id(10 + position),
    spaceId: space.id,
    phaseId,
    position,
    title: localized(title),
    body: localized('Say what you see and what you would do.'),
    updatedAt: new Date(START).toISOString(),
  }));
  const users: BenchUser[] = Array.from({ length: 100 }, (_, i) => ({
    id: id(100 + i),
    email: `resident${i}@bench.test`,
    displayName: `${NAMES[i % 10]} ${SURNAMES[Math.floor(i / 10) % 10]}`,
    role: 'participant',
  }));
  users.push(
    { id: id(300), email: 'writer@bench.test', displayName: 'Bench Writer', role: 'participant' },
    { id: id(301), email: 'moderator@bench.test', displayName: 'Bench Moderator', role: 'moderator' },
  );

  const posts: BenchPost[] = [];
  for (let i = 0; i < postCount; i++) {
    const at = START + 60_000 * (i + 1);
    const question = questions[i % questions.length]!;
    const author = users[Math.floor(random() * 100)]!;
    const anonymous = random() < 0.1;
    // A third are replies to an earlier post of the same question.
    const parent =
      i >= 3 && random() < 0.33 ? posts[i - 3 * (1 + Math.floor(random() * Math.min(20, i / 3)))] : undefined;
    const lang = LANGS[Math.floor(random() * LANGS.length)]!;
    posts.push({
      id: uuidv7At(at, random),
      spaceId: space.id,
      questionId: question.id,
      parentId: parent?.questionId === question.id ? parent.id : null,
      authorId: anonymous ? null : author.id,
      authorName: anonymous ? 'Anonymous' : author.displayName,
      anonymous,
      lang,
      body: makeBody(random, lang, 480 + Math.floor(random() * 240)),
      attachments: [],
      status: 'approved',
      moderationReason: null,
      onBehalfOf: null,
      createdAt: new Date(at).toISOString(),
      receivedAt: new Date(at + 2_000).toISOString(),
      updatedAt: new Date(at + 600_000).toISOString(),
      refusal: null,
    });
  }
  return { space, questions, users, posts };
}

/** The real author of each post (anonymous posts keep theirs on the server, hidden on the way out). */
export function authorOf(corpus: Corpus, index: number): string {
  const post = corpus.posts[index]!;
  return post.authorId ?? corpus.users[index % 100]!.id;
}

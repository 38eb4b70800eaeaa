/**
 * The demo space's text, written for Parley: a regional review of migration cooperation, shaped
 * like the consultation pages it is modelled on (intro, audience, two phases, five guiding
 * questions in four languages, moderated threads). People and organisations are fictional.
 */

export const DEMO_PASSWORD = 'parley-demo';

export const DEMO_ACCOUNTS = [
  { key: 'admin', email: 'admin@parley.test', displayName: 'Parley Admin', role: 'admin', lang: 'en' },
  {
    key: 'global',
    email: 'moderator@parley.test',
    displayName: 'Mira Castell',
    role: 'moderator',
    lang: 'en',
  },
  {
    key: 'regional',
    email: 'regional@parley.test',
    displayName: 'Tomás Reyes',
    role: 'moderator',
    lang: 'es',
  },
  {
    // Moderates one question only (DEMO_QUESTION_MODERATOR): the seed space has different
    // moderators on different questions.
    key: 'question',
    email: 'questions@parley.test',
    displayName: 'Leïla Haddad',
    role: 'moderator',
    lang: 'fr',
  },
  { key: 'ana', email: 'ana@parley.test', displayName: 'Ana Lima', role: 'participant', lang: 'es' },
  { key: 'ben', email: 'ben@parley.test', displayName: 'Ben Okafor', role: 'participant', lang: 'en' },
] as const;
export type DemoAccountKey = (typeof DEMO_ACCOUNTS)[number]['key'];

/** The demo's question moderator moderates this question (index into DEMO_QUESTIONS) only. */
export const DEMO_QUESTION_MODERATOR = { account: 'question', question: 1 } as const;

export const DEMO_SPACE = {
  slug: 'regional-review',
  languages: ['en', 'fr', 'es', 'ru'],
  contactEmail: 'moderator@parley.test',
  title: {
    en: 'Regional Review on Migration: Stakeholder Discussion',
    fr: 'Examen régional sur les migrations : discussion des parties prenantes',
    es: 'Revisión regional sobre migración: diálogo con las partes interesadas',
    ru: 'Региональный обзор по вопросам миграции: обсуждение с заинтересованными сторонами',
  },
  intro: {
    en:
      'This space gathers evidence, experience and proposals from organisations working on migration across the region, ahead of the regional review meeting.\n\n' +
      'Answer the guiding questions below, reply to each other, and attach reports or data that support your points. A moderator reads every comment before it is published. ' +
      'A summary of the first phase will be shared before the meeting; afterwards the space stays open for reflections on what comes next.',
    fr:
      "Cet espace recueille les données, les expériences et les propositions des organisations qui travaillent sur les migrations dans la région, en amont de la réunion d'examen régional.\n\n" +
      'Répondez aux questions directrices ci-dessous, réagissez aux contributions des autres et joignez les rapports ou données qui appuient vos propos. Un modérateur lit chaque commentaire avant sa publication. ' +
      "Une synthèse de la première phase sera partagée avant la réunion ; ensuite, l'espace reste ouvert aux réflexions sur la suite.",
    es:
      'Este espacio reúne datos, experiencias y propuestas de las organizaciones que trabajan en temas de migración en la región, antes de la reunión de revisión regional.\n\n' +
      'Responda a las preguntas guía, comente las aportaciones de otras personas y adjunte informes o datos que respalden sus ideas. Un moderador lee cada comentario antes de publicarlo. ' +
      'Antes de la reunión se compartirá un resumen de la primera fase; después, el espacio seguirá abierto para reflexionar sobre los próximos pasos.',
    ru:
      'Это пространство собирает данные, опыт и предложения организаций, работающих в сфере миграции в регионе, в преддверии совещания по региональному обзору.\n\n' +
      'Отвечайте на наводящие вопросы ниже, комментируйте сообщения других участников и прикрепляйте отчёты или данные в подтверждение своих мыслей. Модератор читает каждый комментарий до публикации. ' +
      'Резюме первого этапа будет представлено до совещания; после него пространство останется открытым для размышлений о дальнейших шагах.',
  },
  audience: {
    en: 'Civil society, local authorities, researchers, migrant-led organisations and members of the regional migration network.',
    fr: 'Société civile, autorités locales, chercheurs, organisations dirigées par des personnes migrantes et membres du réseau régional sur les migrations.',
    es: 'Sociedad civil, autoridades locales, personas investigadoras, organizaciones lideradas por personas migrantes y miembros de la red regional sobre migración.',
    ru: 'Гражданское общество, местные органы власти, исследователи, организации, возглавляемые мигрантами, и члены региональной сети по вопросам миграции.',
  },
  phases: {
    consultation: {
      en: 'Consultation',
      fr: 'Consultation',
      es: 'Consulta',
      ru: 'Консультация',
    },
    reflections: {
      en: 'Reflections',
      fr: 'Réflexions',
      es: 'Reflexiones',
      ru: 'Размышления',
    },
  },
};

export const DEMO_QUESTIONS = [
  {
    phase: 'consultation',
    title: {
      en: 'Question 1. Which examples of cooperation within the region have worked well, and what made them work?',
      fr: 'Question 1. Quels exemples de coopération au sein de la région ont bien fonctionné, et pourquoi ?',
      es: 'Pregunta 1. ¿Qué ejemplos de cooperación dentro de la región han funcionado bien y qué los hizo funcionar?',
      ru: 'Вопрос 1. Какие примеры сотрудничества внутри региона оказались успешными и благодаря чему?',
    },
    body: {
      en: 'Share programmes, partnerships or policies you know first-hand. Results, numbers and links to evaluations are welcome.',
      fr: 'Présentez des programmes, partenariats ou politiques que vous connaissez directement. Résultats, chiffres et liens vers des évaluations sont bienvenus.',
      es: 'Comparta programas, alianzas o políticas que conozca de primera mano. Los resultados, cifras y enlaces a evaluaciones son bienvenidos.',
      ru: 'Расскажите о программах, партнёрствах или политике, которые вы знаете не понаслышке. Результаты, цифры и ссылки на оценки приветствуются.',
    },
  },
  {
    phase: 'consultation',
    title: {
      en: 'Question 2. Where does cooperation fall short, and what would help overcome those obstacles?',
      fr: 'Question 2. Où la coopération est-elle insuffisante, et qu’est-ce qui aiderait à surmonter ces obstacles ?',
      es: 'Pregunta 2. ¿Dónde se queda corta la cooperación y qué ayudaría a superar esos obstáculos?',
      ru: 'Вопрос 2. В чём сотрудничество недостаточно и что помогло бы преодолеть эти препятствия?',
    },
    body: {
      en: 'Think of gaps between countries, between levels of government, and between authorities and civil society.',
      fr: 'Pensez aux écarts entre pays, entre niveaux de gouvernement, et entre autorités et société civile.',
      es: 'Piense en las brechas entre países, entre niveles de gobierno y entre autoridades y sociedad civil.',
      ru: 'Подумайте о разрывах между странами, между уровнями власти, а также между органами власти и гражданским обществом.',
    },
  },
  {
    phase: 'consultation',
    title: {
      en: 'Question 3. Which groups, sectors or sub-regions need specific support during the review?',
      fr: 'Question 3. Quels groupes, secteurs ou sous-régions ont besoin d’un soutien particulier pendant l’examen ?',
      es: 'Pregunta 3. ¿Qué grupos, sectores o subregiones necesitan un apoyo específico durante la revisión?',
      ru: 'Вопрос 3. Каким группам, секторам или субрегионам нужна особая поддержка в ходе обзора?',
    },
    body: {
      en: 'Tell us who risks being left out of the discussion, and what expertise the meeting should hear from.',
      fr: 'Dites-nous qui risque d’être tenu à l’écart de la discussion et quelles expertises la réunion devrait entendre.',
      es: 'Cuéntenos quién corre el riesgo de quedar fuera del debate y qué conocimientos debería escuchar la reunión.',
      ru: 'Расскажите, кто рискует остаться в стороне от обсуждения и чьё экспертное мнение должно прозвучать на совещании.',
    },
  },
  {
    phase: 'consultation',
    title: {
      en: 'Question 4. How can people with lived experience of migration take a fuller part in follow-up?',
      fr: 'Question 4. Comment les personnes ayant vécu la migration peuvent-elles participer davantage au suivi ?',
      es: 'Pregunta 4. ¿Cómo pueden las personas con experiencia migratoria participar más plenamente en el seguimiento?',
      ru: 'Вопрос 4. Как люди с личным опытом миграции могут полнее участвовать в последующей работе?',
    },
    body: {
      en: 'Practical ideas are most useful: formats, languages, timing, safety, and who should be in the room.',
      fr: 'Les idées concrètes sont les plus utiles : formats, langues, calendrier, sécurité, et qui devrait être présent.',
      es: 'Las ideas prácticas son las más útiles: formatos, idiomas, calendario, seguridad y quién debería estar presente.',
      ru: 'Наиболее полезны практические идеи: форматы, языки, сроки, безопасность и то, кто должен участвовать.',
    },
  },
  {
    phase: 'reflections',
    title: {
      en: 'Question 5. Looking back on the review meeting: what should happen next, and who should lead it?',
      fr: 'Question 5. Avec le recul sur la réunion d’examen : que faut-il faire ensuite, et qui devrait s’en charger ?',
      es: 'Pregunta 5. Tras la reunión de revisión: ¿qué debería ocurrir ahora y quién debería liderarlo?',
      ru: 'Вопрос 5. По итогам совещания: что должно произойти дальше и кто должен этим руководить?',
    },
    body: {
      en: 'This question opens when the consultation closes. Share follow-up commitments, open issues and offers of partnership.',
      fr: 'Cette question s’ouvre à la clôture de la consultation. Partagez engagements de suivi, questions en suspens et offres de partenariat.',
      es: 'Esta pregunta se abre cuando termina la consulta. Comparta compromisos de seguimiento, temas pendientes y ofertas de colaboración.',
      ru: 'Этот вопрос откроется после завершения консультации. Делитесь обязательствами, нерешёнными вопросами и предложениями о партнёрстве.',
    },
  },
] as const;

interface DemoPost {
  /** Index into DEMO_QUESTIONS. */
  question: number;
  author: DemoAccountKey;
  lang: string;
  body: string;
  anonymous?: boolean;
  daysAgo: number;
  /** Replies nest under the post at this index of DEMO_POSTS. */
  replyTo?: number;
}

export const DEMO_POSTS: DemoPost[] = [
  {
    question: 0,
    author: 'global',
    lang: 'en',
    daysAgo: 14,
    body:
      'Welcome to the discussion! Please reply here with examples of cooperation from the region that you have seen work. ' +
      'If you would rather send your comment by e-mail, write to the contact address on the space page and a moderator will post it for you.',
  },
  {
    question: 0,
    author: 'ana',
    lang: 'es',
    daysAgo: 9,
    replyTo: 0,
    body:
      'En nuestra ciudad, el ayuntamiento y dos asociaciones de la diáspora crearon un fondo común para pequeños proyectos locales: una guardería, un centro de salud y un campo de deportes. ' +
      'Lo que funcionó fue que las propias comunidades eligieron los proyectos y rindieron cuentas en reuniones abiertas.',
  },
  {
    question: 0,
    author: 'ben',
    lang: 'en',
    daysAgo: 6,
    replyTo: 1,
    body:
      'That matches what we saw with a cross-border data exchange between two central banks on remittance flows. ' +
      'Regular working visits did more than the formal agreement: people knew whom to call.',
  },
  {
    question: 1,
    author: 'regional',
    lang: 'es',
    daysAgo: 14,
    body: '¡Bienvenidas y bienvenidos! Me alegra moderar esta pregunta. Cuéntennos qué obstáculos han encontrado al cooperar entre países o entre instituciones, y cómo creen que podríamos superarlos juntos.',
  },
  {
    question: 1,
    author: 'ben',
    lang: 'ru',
    anonymous: true,
    daysAgo: 4,
    replyTo: 3,
    body:
      'Главная проблема — данные. Каждая страна считает мигрантов по-своему, и сравнивать цифры почти невозможно. ' +
      'Общие определения и ежегодный обмен данными помогли бы больше, чем новые конференции.',
  },
  {
    question: 2,
    author: 'global',
    lang: 'fr',
    daysAgo: 13,
    body: 'Bienvenue ! Dites-nous quels groupes ou quelles sous-régions risquent de ne pas être entendus pendant l’examen, et quelles expertises devraient être invitées.',
  },
  {
    question: 3,
    author: 'global',
    lang: 'en',
    daysAgo: 13,
    body: 'Welcome! We are especially keen to hear practical ideas: how meetings could be organised so that people with lived experience of migration can take part safely and in their own language.',
  },
  {
    question: 3,
    author: 'ana',
    lang: 'en',
    daysAgo: 2,
    replyTo: 6,
    body:
      'Hold some sessions in the evening and online, with interpretation, and pay for travel and childcare. ' +
      'Also: let people speak without giving their full name if they prefer.',
  },
];

/** The demo space's rejection reasons, in its four languages. */
export const DEMO_REASON_TEMPLATES = [
  {
    id: 'personal-data',
    text: {
      en: 'It names or identifies a private person. Remove the personal details and post again.',
      fr: 'Il nomme ou permet d’identifier une personne privée. Retirez les données personnelles et publiez à nouveau.',
      es: 'Nombra o permite identificar a una persona particular. Quite los datos personales y vuelva a publicar.',
      ru: 'В сообщении названо или может быть опознано частное лицо. Уберите личные данные и опубликуйте снова.',
    },
  },
  {
    id: 'off-topic',
    text: {
      en: 'It does not answer this question. Post it under the question it belongs to.',
      fr: 'Il ne répond pas à cette question. Publiez-le sous la question qui convient.',
      es: 'No responde a esta pregunta. Publíquelo en la pregunta que corresponda.',
      ru: 'Сообщение не отвечает на этот вопрос. Опубликуйте его под подходящим вопросом.',
    },
  },
  {
    id: 'respect',
    text: {
      en: 'It attacks a person or a group. Criticise ideas, not people.',
      fr: 'Il attaque une personne ou un groupe. Critiquez les idées, pas les personnes.',
      es: 'Ataca a una persona o a un grupo. Critique las ideas, no a las personas.',
      ru: 'Сообщение нападает на человека или группу. Критикуйте идеи, а не людей.',
    },
  },
  {
    id: 'advertising',
    text: {
      en: 'It advertises a product or service unrelated to the discussion.',
      fr: 'Il fait la publicité d’un produit ou d’un service sans rapport avec la discussion.',
      es: 'Anuncia un producto o servicio sin relación con el diálogo.',
      ru: 'Сообщение рекламирует товар или услугу, не связанные с обсуждением.',
    },
  },
];

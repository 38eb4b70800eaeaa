/**
 * Everyday words of the four demo languages, for post bodies that compress like real text.
 * Repeated filler compresses ~14× and would flatter whichever side sends more bytes; text drawn
 * from a few hundred words per language compresses about 2.5–3× with gzip, as real posts do.
 */
export const WORDS: Record<'en' | 'fr' | 'es' | 'ru', readonly string[]> = {
  en: `the of and to a in that is was he for it with as his on be at by this had not are but from
    or have an they which one you were her all she there would their we him been has when who will
    more no if out so said what up its about into than them can only other new some could time these
    two may then do first any my now such like our over man me even most made after also did many
    before must through back years where much your way well down should because each just those people
    how too little state good very make world still own see men work long get here between both life
    being under never day same another know while last might us great old year off come since against
    go came right used take three neighbourhood council bus route school library park bench street
    crossing bicycle lane pavement lighting noise parking market square playground tram station
    budget proposal meeting evening weekend children parents elderly residents shop owners traffic
    safety speed limit trees garden water fountain toilets bins recycling collection weekly winter
    summer rain flooding drainage footpath ramp wheelchair access pram stairs lift timetable delay
    late early crowded quiet pleasant dangerous broken repair funding consultation vote survey
    opinion agree disagree suggest worried hope better worse cheaper expensive free ticket price`
    .split(/\s+/)
    .filter(Boolean),
  fr: `le la les de des du un une et est en que qui dans pour pas sur au avec ce il elle nous vous
    ils sont mais plus par comme tout fait être avoir bien aussi leur cette son sans même peut
    encore deux très entre depuis avant après toujours jamais rien chose temps jour année ville
    quartier rue place marché école parc banc éclairage bruit stationnement trottoir piste cyclable
    arrêt autobus tramway gare horaire retard enfants parents voisins commerçants personnes âgées
    sécurité vitesse arbres jardin fontaine toilettes poubelles tri collecte hiver été pluie
    inondation rampe fauteuil roulant poussette escalier ascenseur budget projet réunion soirée
    semaine consultation vote avis accord désaccord proposer inquiet espère mieux pire moins cher
    gratuit billet prix beaucoup peu trop assez souvent parfois matin soir midi nuit bibliothèque
    mairie conseil habitants association travaux chantier route carrefour passage piétons feu
    rouge vert danger dangereux calme agréable propre sale réparer entretien financement demande
    question réponse idée simple difficile possible nécessaire important urgent attendre marcher
    traverser prendre venir aller voir dire penser savoir vouloir pouvoir devoir falloir mettre`
    .split(/\s+/)
    .filter(Boolean),
  es: `el la los las de del un una y es en que por para con no se lo su al como más pero sus le ya o
    este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos
    durante todos uno les ni contra otros ese eso ante ellos esto antes algunos qué unos yo otro
    otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo
    nosotros barrio calle plaza mercado escuela parque banco alumbrado ruido aparcamiento acera
    carril bici parada autobús tranvía estación horario retraso niños padres vecinos comerciantes
    mayores seguridad velocidad árboles jardín fuente aseos papeleras reciclaje recogida invierno
    verano lluvia inundación rampa silla ruedas carrito escalera ascensor presupuesto proyecto
    reunión tarde semana consulta voto opinión acuerdo proponer preocupado espero mejor peor barato
    caro gratis billete precio biblioteca ayuntamiento consejo asociación obras cruce paso peatones
    semáforo peligro peligroso tranquilo agradable limpio sucio reparar mantenimiento financiación
    pregunta respuesta idea sencillo difícil posible necesario importante urgente esperar caminar
    cruzar tomar venir ir ver decir pensar saber querer poder deber poner mañana noche mediodía`
    .split(/\s+/)
    .filter(Boolean),
  ru: `и в не на я быть он с что а по это она этот к но они мы как из у который то за свой
    весь год от так о для ты же все тот мочь вы человек такой его сказать только или ещё бы себя
    один как уже до время если сам когда другой вот говорить наш мой знать стать при чтобы дело
    жизнь кто первый очень два день её новый рука даже во со раз где там под можно ну какой после
    их работа без самый потом надо хотеть ли слово идти большой должен место иметь ничто район
    улица площадь рынок школа парк скамейка освещение шум парковка тротуар велодорожка остановка
    автобус трамвай вокзал расписание задержка дети родители соседи магазины пожилые безопасность
    скорость деревья сад фонтан туалеты урны переработка вывоз зима лето дождь наводнение пандус
    коляска лестница лифт бюджет проект собрание вечер неделя опрос голосование мнение согласен
    предлагаю беспокоюсь надеюсь лучше хуже дешевле дороже бесплатно билет цена библиотека
    администрация совет жители ремонт дорога перекрёсток переход светофор опасно спокойно приятно
    чисто грязно финансирование вопрос ответ идея просто сложно возможно нужно важно срочно ждать`
    .split(/\s+/)
    .filter(Boolean),
};

export type BenchLang = keyof typeof WORDS;
export const LANGS = Object.keys(WORDS) as BenchLang[];

/** A small, seedable PRNG (mulberry32): the same seed gives the same corpus on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A body of about `targetBytes` UTF-8 bytes: sentences of 6–18 words, some paragraphs. Words are
 * drawn with a skew towards the front of each list (function words first), as in real prose.
 */
export function makeBody(random: () => number, lang: BenchLang, targetBytes: number): string {
  const words = WORDS[lang];
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const length = 6 + Math.floor(random() * 13);
    const sentence: string[] = [];
    for (let i = 0; i < length; i++) sentence.push(words[Math.floor(random() ** 1.6 * words.length)]!);
    const first = sentence[0]!;
    sentence[0] = first.charAt(0).toUpperCase() + first.slice(1);
    const text = `${sentence.join(' ')}${random() < 0.15 ? '?' : '.'}${random() < 0.12 ? '\n\n' : ' '}`;
    parts.push(text);
    bytes += Buffer.byteLength(text);
  }
  return parts.join('').trim();
}

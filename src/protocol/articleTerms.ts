/**
 * How words of help articles and of what a visitor types become search terms: one rule for the
 * widget's search (src/ui/panel/help/search.ts, the articles chunk) and the server's built-in bot
 * (src/server/bot/articleSearch.ts), so the Help tab, the suggestions above the message box and
 * the bot find the same articles. Imports nothing; only the articles chunk and the server carry it
 * (the panel chunk and what loads before interaction do not).
 */

// Words that say nothing about the topic (English and French), dropped from the index and from queries.
const STOP = new Set(
  (
    'a an and are as at be but by can could do does did for from get got had has have hello hey hi how i if in into is it its just me my need no not of on or our please so some than thanks thank that the their them then there these this to up us want was we what when where which who why will with would you your ' +
    // acknowledgements: a message made only of these is not a question
    'ok okay yes yeah yep sure great cool fine bye goodbye merci oui ouais daccord super ' +
    // what is left of English contractions once split at the apostrophe ("doesn't" -> "doesn")
    'aren couldn didn doesn don hasn haven isn ll re shouldn ve wasn weren won wouldn ' +
    'au aux avec bonjour ce ces comment dans de des du elle en est et il ils je la le les leur ma mais me mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous'
  ).split(' '),
);

/** 'Refunds' -> 'refund', 'Échange' -> 'echange', 'the' -> null (case, accents and a plural -s folded). */
export function foldTerm(term: string): string | null {
  const t = term.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (t.length < 2 || STOP.has(t)) return null;
  return t.length > 3 && t.endsWith('s') && !t.endsWith('ss') ? t.slice(0, -1) : t;
}

/** Words are what lies between anything but letters and digits (the `tokenize` both searches give minisearch). */
export function splitWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** The terms of a text as the search sees them: its words folded, stop words dropped, in order. */
export function searchTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of splitWords(text)) {
    const t = foldTerm(word);
    if (t) out.push(t);
  }
  return out;
}

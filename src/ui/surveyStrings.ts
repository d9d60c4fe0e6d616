/**
 * The micro-survey's strings (./microSurvey.ts) in every language of ./i18n's LANGS: a table of its
 * own, so the survey's chunk brings neither the panel's nor a language's catalog (the survey shows
 * before either). Order: yes, no, "n out of 5" (`#` is the number), thanks, sorry, chat.
 */
import { LANGS, type Lang } from './i18n';

const TABLE: Record<Lang, readonly [string, string, string, string, string, string]> = {
  en: ['Yes', 'No', '# out of 5', 'Thank you!', 'Sorry about that. Can we help?', 'Chat with us'],
  fr: ['Oui', 'Non', '# sur 5', 'Merci\u00a0!', 'Désolés. Pouvons-nous vous aider\u00a0?', 'Discuter avec nous'],
  de: ['Ja', 'Nein', '# von 5', 'Danke!', 'Das tut uns leid. Können wir helfen?', 'Mit uns chatten'],
  es: ['Sí', 'No', '# de 5', '¡Gracias!', 'Lo sentimos. ¿Podemos ayudarle?', 'Chatear con nosotros'],
  sk: ['Áno', 'Nie', '# z 5', 'Ďakujeme!', 'To nás mrzí. Môžeme pomôcť?', 'Napíšte nám'],
  cs: ['Ano', 'Ne', '# z 5', 'Děkujeme!', 'To nás mrzí. Můžeme pomoci?', 'Napište nám'],
  pl: ['Tak', 'Nie', '# z 5', 'Dziękujemy!', 'Przykro nam. Czy możemy pomóc?', 'Napisz do nas'],
  ru: ['Да', 'Нет', '# из 5', 'Спасибо!', 'Нам жаль. Можем помочь?', 'Написать нам'],
  uk: ['Так', 'Ні', '# з 5', 'Дякуємо!', 'Нам шкода. Можемо допомогти?', 'Написати нам'],
  'zh-Hans': ['是', '否', '# 分（满分 5 分）', '谢谢！', '很抱歉。需要我们帮忙吗？', '与我们聊天'],
  'zh-Hant': ['是', '否', '# 分（滿分 5 分）', '謝謝！', '很抱歉。需要我們幫忙嗎？', '與我們聊天'],
  ja: ['はい', 'いいえ', '5 段階中 #', 'ありがとうございます！', '申し訳ありません。お手伝いしましょうか？', 'チャットで相談'],
  ar: ['نعم', 'لا', '# من 5', 'شكرًا لك!', 'نأسف لذلك. هل يمكننا المساعدة؟', 'تحدث معنا'],
  he: ['כן', 'לא', '# מתוך 5', 'תודה!', 'מצטערים על כך. אפשר לעזור?', 'שוחחו איתנו'],
  'en-XA': ['Ýéš ··', 'Ñö ·', '# öûţ öƒ 5 ····', 'Ţĥåñķ ýöû! ····', 'Šöŕŕý åƀöûţ ţĥåţ. Çåñ ŵé ĥéļþ? ········', 'Çĥåţ ŵîţĥ ûš ····'],
};

export const surveyText = (lang: string) => {
  const [yes, no, of5, thanks, sorry, chat] = TABLE[LANGS.find((l) => l == lang) ?? 'en'];
  return {
    yes,
    no,
    outOf5: (n: number) => of5.replace('#', String(n)),
    thanks,
    sorry,
    chat,
    /** What the agent reads in the context (`trigger`): the question and the answer. */
    answered: (question: string, answer: string) => `${question} → ${answer}`,
  };
};

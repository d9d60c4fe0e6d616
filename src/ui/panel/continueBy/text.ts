/**
 * The words of "Continue by SMS / on WhatsApp", in each of Baton's languages, kept in this chunk
 * rather than in the language catalogs (src/ui/locales/): only sites on Twilio with a number or
 * sender configured ever load them, and every language chunk is within bytes of its budget. The
 * phone label, "Change", the bad number and failure lines come from the catalog (t.callback, t.menu).
 * tests/unit/continue-text.test.ts checks every language has every key and the same placeholders.
 */
import type { Lang } from '../../../protocol/languages';

export interface ContinueText {
  /** The offers (the chosen one is the form's heading too). */
  sms: string;
  wa: string;
  /** The number typed: check it (nothing is sent yet). */
  next: string;
  /** Before anything is sent: the number as the server read it, `{phone}`. */
  ask: string;
  yes: string;
  /** Once continued. */
  done: string;
  openWa: string;
  /** The number already takes part in another open conversation with the company's number. */
  taken: string;
}

type Row = [sms: string, wa: string, next: string, ask: string, yes: string, done: string, openWa: string, taken: string];

const ROWS: Record<Exclude<Lang, 'en-XA'>, Row> = {
  en: ['Continue by SMS', 'Continue on WhatsApp', 'Next', 'Send our replies to {phone} too?', 'Yes, send them', 'Our replies also go to {phone}.', 'Open WhatsApp', 'This number is already used for another conversation.'],
  fr: ['Continuer par SMS', 'Continuer sur WhatsApp', 'Suivant', 'Envoyer aussi nos réponses au {phone} ?', 'Oui, envoyer', 'Nos réponses vont aussi au {phone}.', 'Ouvrir WhatsApp', 'Ce numéro est déjà utilisé pour une autre conversation.'],
  de: ['Per SMS fortfahren', 'Auf WhatsApp fortfahren', 'Weiter', 'Unsere Antworten auch an {phone} senden?', 'Ja, senden', 'Unsere Antworten gehen auch an {phone}.', 'WhatsApp öffnen', 'Diese Nummer wird schon für ein anderes Gespräch genutzt.'],
  es: ['Continuar por SMS', 'Continuar en WhatsApp', 'Siguiente', '¿Enviar también nuestras respuestas al {phone}?', 'Sí, enviar', 'Nuestras respuestas también llegan al {phone}.', 'Abrir WhatsApp', 'Este número ya se usa en otra conversación.'],
  sk: ['Pokračovať cez SMS', 'Pokračovať na WhatsAppe', 'Ďalej', 'Posielať naše odpovede aj na {phone}?', 'Áno, posielať', 'Naše odpovede chodia aj na {phone}.', 'Otvoriť WhatsApp', 'Toto číslo sa už používa v inej konverzácii.'],
  cs: ['Pokračovat přes SMS', 'Pokračovat na WhatsAppu', 'Další', 'Posílat naše odpovědi i na {phone}?', 'Ano, posílat', 'Naše odpovědi chodí i na {phone}.', 'Otevřít WhatsApp', 'Toto číslo se už používá v jiné konverzaci.'],
  pl: ['Kontynuuj przez SMS', 'Kontynuuj na WhatsAppie', 'Dalej', 'Wysyłać nasze odpowiedzi także na {phone}?', 'Tak, wysyłaj', 'Nasze odpowiedzi trafiają też na {phone}.', 'Otwórz WhatsApp', 'Ten numer jest już używany w innej rozmowie.'],
  ru: ['Продолжить по SMS', 'Продолжить в WhatsApp', 'Далее', 'Отправлять наши ответы и на {phone}?', 'Да, отправлять', 'Наши ответы приходят и на {phone}.', 'Открыть WhatsApp', 'Этот номер уже используется в другом диалоге.'],
  uk: ['Продовжити через SMS', 'Продовжити у WhatsApp', 'Далі', 'Надсилати наші відповіді й на {phone}?', 'Так, надсилати', 'Наші відповіді надходять і на {phone}.', 'Відкрити WhatsApp', 'Цей номер уже використовується в іншій розмові.'],
  'zh-Hans': ['通过短信继续', '在 WhatsApp 上继续', '下一步', '也将我们的回复发送到 {phone}？', '是，发送', '我们的回复也会发送到 {phone}。', '打开 WhatsApp', '此号码已用于另一个对话。'],
  'zh-Hant': ['透過簡訊繼續', '在 WhatsApp 上繼續', '下一步', '也將我們的回覆傳送到 {phone}？', '是，傳送', '我們的回覆也會傳送到 {phone}。', '開啟 WhatsApp', '此號碼已用於另一個對話。'],
  ja: ['SMSで続ける', 'WhatsAppで続ける', '次へ', '返信を {phone} にも送りますか？', 'はい、送る', '返信は {phone} にも届きます。', 'WhatsAppを開く', 'この番号は別の会話で使われています。'],
  ar: ['المتابعة عبر SMS', 'المتابعة على واتساب', 'التالي', 'هل نرسل ردودنا إلى {phone} أيضًا؟', 'نعم، أرسلوها', 'تصل ردودنا أيضًا إلى {phone}.', 'فتح واتساب', 'هذا الرقم مستخدم بالفعل في محادثة أخرى.'],
  he: ['להמשיך ב-SMS', 'להמשיך בוואטסאפ', 'הבא', 'לשלוח את התשובות שלנו גם אל {phone}?', 'כן, לשלוח', 'התשובות שלנו מגיעות גם אל {phone}.', 'לפתוח את וואטסאפ', 'המספר הזה כבר משמש בשיחה אחרת.'],
};

export const CONTINUE_LANGS = Object.keys(ROWS) as readonly Exclude<Lang, 'en-XA'>[];

/** The words for `lang`; the pseudo-locale (and anything unknown) gets English. */
export function continueText(lang: Lang): ContinueText {
  const [sms, wa, next, ask, yes, done, openWa, taken] = ROWS[lang as Exclude<Lang, 'en-XA'>] ?? ROWS.en;
  return { sms, wa, next, ask, yes, done, openWa, taken };
}

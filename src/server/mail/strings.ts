/**
 * What Baton's e-mails say, in the conversation's language: the first of the page's `lang` and the
 * browser's languages (as the context reports them) that Baton speaks, as the widget chooses
 * (src/protocol/languages.ts); English otherwise. The 14 languages of the widget (issue 18).
 */
import type { ContextSnapshot } from '../../protocol/context';
import { langOf, type Lang } from '../../protocol/languages';

const en = {
  lang: 'en',
  replySubject: (who: string, site: string) => `${who} replied to your message on ${site}`,
  transcriptSubject: (site: string) => `Your conversation on ${site}`,
  hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
  replyIntro: (who: string, site: string) => `${who} from ${site} answered your message:`,
  transcriptIntro: (site: string) => `Here is your conversation on ${site}, as you asked:`,
  you: 'You',
  team: 'The team',
  continueLine: 'Continue the conversation:',
  linkNote: 'The link opens the conversation once, within 7 days. You can also simply come back to the site: your answers are waiting in the chat.',
  replyWhy: (site: string) =>
    `Why you got this: you left this e-mail address in the chat on ${site} so the team could answer you if you were gone. We write only when someone replies and you have not read it; nothing else is sent.`,
  transcriptWhy: (site: string) => `Why you got this: you asked for this transcript in the chat on ${site}. Nothing else is sent.`,
  earlier: (n: number) => `(${n} earlier message${n === 1 ? '' : 's'} not shown)`,
  photo: '[photo]',
};

export type MailStrings = { [K in keyof typeof en]: K extends 'lang' ? string : (typeof en)[K] };

const fr: MailStrings = {
  lang: 'fr',
  replySubject: (who, site) => `${who} a répondu à votre message sur ${site}`,
  transcriptSubject: (site) => `Votre conversation sur ${site}`,
  hello: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  replyIntro: (who, site) => `${who} (${site}) a répondu à votre message :`,
  transcriptIntro: (site) => `Voici votre conversation sur ${site}, comme demandé :`,
  you: 'Vous',
  team: 'L’équipe',
  continueLine: 'Reprendre la conversation :',
  linkNote: 'Le lien ouvre la conversation une fois, pendant 7 jours. Vous pouvez aussi revenir simplement sur le site : vos réponses vous attendent dans la discussion.',
  replyWhy: (site) =>
    `Pourquoi cet e-mail : vous avez laissé cette adresse dans la discussion sur ${site} pour que l’équipe puisse vous répondre en votre absence. Nous écrivons seulement quand quelqu’un répond et que vous ne l’avez pas lu ; rien d’autre n’est envoyé.`,
  transcriptWhy: (site) => `Pourquoi cet e-mail : vous avez demandé cette transcription dans la discussion sur ${site}. Rien d’autre n’est envoyé.`,
  earlier: (n) => `(${n} message${n === 1 ? '' : 's'} précédent${n === 1 ? '' : 's'} non affiché${n === 1 ? '' : 's'})`,
  photo: '[photo]',
};

/** The form of `forms` (CLDR plural categories) that `n` takes in `lang`. */
const pl = (lang: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) => (forms[new Intl.PluralRules(lang).select(n)] ?? forms.other).replace('#', String(n));
const de: MailStrings = {
  lang: 'de',
  replySubject: (who, site) => `${who} hat auf Ihre Nachricht auf ${site} geantwortet`,
  transcriptSubject: (site) => `Ihr Gespräch auf ${site}`,
  hello: (name) => (name ? `Hallo ${name},` : 'Hallo,'),
  replyIntro: (who, site) => `${who} von ${site} hat auf Ihre Nachricht geantwortet:`,
  transcriptIntro: (site) => `Hier ist Ihr Gespräch auf ${site}, wie gewünscht:`,
  you: 'Sie',
  team: 'Das Team',
  continueLine: 'Gespräch fortsetzen:',
  linkNote: 'Der Link öffnet das Gespräch einmal, innerhalb von 7 Tagen. Sie können auch einfach auf die Website zurückkehren: Ihre Antworten warten im Chat.',
  replyWhy: (site) => `Warum Sie diese E-Mail erhalten: Sie haben diese Adresse im Chat auf ${site} hinterlassen, damit das Team Ihnen antworten kann, falls Sie nicht mehr da sind. Wir schreiben nur, wenn jemand antwortet und Sie es nicht gelesen haben; sonst nichts.`,
  transcriptWhy: (site) => `Warum Sie diese E-Mail erhalten: Sie haben dieses Protokoll im Chat auf ${site} angefordert. Sonst wird nichts gesendet.`,
  earlier: (n) => pl('de', n, { one: '(# frühere Nachricht nicht angezeigt)', other: '(# frühere Nachrichten nicht angezeigt)' }),
  photo: '[Foto]',
};

const es: MailStrings = {
  lang: 'es',
  replySubject: (who, site) => `${who} respondió a tu mensaje en ${site}`,
  transcriptSubject: (site) => `Tu conversación en ${site}`,
  hello: (name) => (name ? `Hola, ${name}:` : 'Hola:'),
  replyIntro: (who, site) => `${who}, de ${site}, respondió a tu mensaje:`,
  transcriptIntro: (site) => `Aquí tienes tu conversación en ${site}, como pediste:`,
  you: 'Tú',
  team: 'El equipo',
  continueLine: 'Continuar la conversación:',
  linkNote: 'El enlace abre la conversación una vez, durante 7 días. También puedes volver al sitio: tus respuestas te esperan en el chat.',
  replyWhy: (site) => `Por qué recibes esto: dejaste este correo en el chat de ${site} para que el equipo pudiera responderte si te ibas. Solo escribimos cuando alguien responde y no lo has leído; no enviamos nada más.`,
  transcriptWhy: (site) => `Por qué recibes esto: pediste esta transcripción en el chat de ${site}. No enviamos nada más.`,
  earlier: (n) => pl('es', n, { one: '(# mensaje anterior no mostrado)', other: '(# mensajes anteriores no mostrados)' }),
  photo: '[foto]',
};

const sk: MailStrings = {
  lang: 'sk',
  replySubject: (who, site) => `${who} odpovedal(a) na vašu správu na ${site}`,
  transcriptSubject: (site) => `Vaša konverzácia na ${site}`,
  hello: (name) => (name ? `Dobrý deň, ${name},` : 'Dobrý deň,'),
  replyIntro: (who, site) => `${who} zo ${site} odpovedal(a) na vašu správu:`,
  transcriptIntro: (site) => `Tu je vaša konverzácia na ${site}, ako ste požiadali:`,
  you: 'Vy',
  team: 'Tím',
  continueLine: 'Pokračovať v konverzácii:',
  linkNote: 'Odkaz otvorí konverzáciu raz, do 7 dní. Môžete sa aj jednoducho vrátiť na web: odpovede na vás čakajú v chate.',
  replyWhy: (site) => `Prečo vám to prišlo: túto adresu ste nechali v chate na ${site}, aby vám tím mohol odpovedať, ak odídete. Píšeme, iba keď niekto odpovie a vy ste to neprečítali; nič iné neposielame.`,
  transcriptWhy: (site) => `Prečo vám to prišlo: tento prepis ste si vyžiadali v chate na ${site}. Nič iné neposielame.`,
  earlier: (n) => pl('sk', n, { one: '(# staršia správa sa nezobrazuje)', few: '(# staršie správy sa nezobrazujú)', many: '(# staršej správy sa nezobrazuje)', other: '(# starších správ sa nezobrazuje)' }),
  photo: '[fotka]',
};

const cs: MailStrings = {
  lang: 'cs',
  replySubject: (who, site) => `${who} odpověděl(a) na vaši zprávu na ${site}`,
  transcriptSubject: (site) => `Vaše konverzace na ${site}`,
  hello: (name) => (name ? `Dobrý den, ${name},` : 'Dobrý den,'),
  replyIntro: (who, site) => `${who} z ${site} odpověděl(a) na vaši zprávu:`,
  transcriptIntro: (site) => `Tady je vaše konverzace na ${site}, jak jste požádali:`,
  you: 'Vy',
  team: 'Tým',
  continueLine: 'Pokračovat v konverzaci:',
  linkNote: 'Odkaz otevře konverzaci jednou, do 7 dnů. Můžete se také jednoduše vrátit na web: odpovědi na vás čekají v chatu.',
  replyWhy: (site) => `Proč vám to přišlo: tuto adresu jste nechali v chatu na ${site}, aby vám tým mohl odpovědět, když odejdete. Píšeme, jen když někdo odpoví a vy jste to nečetli; nic jiného neposíláme.`,
  transcriptWhy: (site) => `Proč vám to přišlo: tento přepis jste si vyžádali v chatu na ${site}. Nic jiného neposíláme.`,
  earlier: (n) => pl('cs', n, { one: '(# starší zpráva se nezobrazuje)', few: '(# starší zprávy se nezobrazují)', many: '(# starší zprávy se nezobrazuje)', other: '(# starších zpráv se nezobrazuje)' }),
  photo: '[fotka]',
};

const plMail: MailStrings = {
  lang: 'pl',
  replySubject: (who, site) => `${who} odpowiada na Twoją wiadomość w ${site}`,
  transcriptSubject: (site) => `Twoja rozmowa w ${site}`,
  hello: (name) => (name ? `Dzień dobry, ${name},` : 'Dzień dobry,'),
  replyIntro: (who, site) => `${who} z ${site} odpowiada na Twoją wiadomość:`,
  transcriptIntro: (site) => `Oto Twoja rozmowa w ${site}, o którą prosisz:`,
  you: 'Ty',
  team: 'Zespół',
  continueLine: 'Kontynuuj rozmowę:',
  linkNote: 'Link otwiera rozmowę jeden raz, przez 7 dni. Możesz też po prostu wrócić na stronę: odpowiedzi czekają na czacie.',
  replyWhy: (site) => `Dlaczego to dostajesz: ten adres został podany na czacie w ${site}, aby zespół mógł odpowiedzieć, gdy Cię nie będzie. Piszemy tylko wtedy, gdy ktoś odpowie, a Ty tego nie przeczytasz; nic więcej nie wysyłamy.`,
  transcriptWhy: (site) => `Dlaczego to dostajesz: ten zapis rozmowy został zamówiony na czacie w ${site}. Nic więcej nie wysyłamy.`,
  earlier: (n) => pl('pl', n, { one: '(# wcześniejsza wiadomość nie jest pokazana)', few: '(# wcześniejsze wiadomości nie są pokazane)', many: '(# wcześniejszych wiadomości nie jest pokazanych)', other: '(# wcześniejszej wiadomości nie pokazano)' }),
  photo: '[zdjęcie]',
};

const ru: MailStrings = {
  lang: 'ru',
  replySubject: (who, site) => `${who} ответил(а) на ваше сообщение на ${site}`,
  transcriptSubject: (site) => `Ваш диалог на ${site}`,
  hello: (name) => (name ? `Здравствуйте, ${name}!` : 'Здравствуйте!'),
  replyIntro: (who, site) => `${who} (${site}) ответил(а) на ваше сообщение:`,
  transcriptIntro: (site) => `Вот ваш диалог на ${site}, как вы просили:`,
  you: 'Вы',
  team: 'Команда',
  continueLine: 'Продолжить диалог:',
  linkNote: 'Ссылка откроет диалог один раз в течение 7 дней. Можно и просто вернуться на сайт: ответы ждут вас в чате.',
  replyWhy: (site) => `Почему вы получили это письмо: вы оставили этот адрес в чате на ${site}, чтобы команда могла ответить, если вы уйдёте. Мы пишем, только когда кто-то ответил, а вы ещё не прочитали; больше ничего не отправляем.`,
  transcriptWhy: (site) => `Почему вы получили это письмо: вы запросили эту расшифровку в чате на ${site}. Больше ничего не отправляем.`,
  earlier: (n) => pl('ru', n, { one: '(# более раннее сообщение не показано)', few: '(# более ранних сообщения не показаны)', many: '(# более ранних сообщений не показано)', other: '(# более раннего сообщения не показано)' }),
  photo: '[фото]',
};

const uk: MailStrings = {
  lang: 'uk',
  replySubject: (who, site) => `${who} відповів(-ла) на ваше повідомлення на ${site}`,
  transcriptSubject: (site) => `Ваша розмова на ${site}`,
  hello: (name) => (name ? `Вітаємо, ${name}!` : 'Вітаємо!'),
  replyIntro: (who, site) => `${who} (${site}) відповів(-ла) на ваше повідомлення:`,
  transcriptIntro: (site) => `Ось ваша розмова на ${site}, як ви просили:`,
  you: 'Ви',
  team: 'Команда',
  continueLine: 'Продовжити розмову:',
  linkNote: 'Посилання відкриє розмову один раз протягом 7 днів. Можна й просто повернутися на сайт: відповіді чекають на вас у чаті.',
  replyWhy: (site) => `Чому ви отримали цей лист: ви залишили цю адресу в чаті на ${site}, щоб команда могла відповісти, якщо ви підете. Ми пишемо, лише коли хтось відповів, а ви ще не прочитали; більше нічого не надсилаємо.`,
  transcriptWhy: (site) => `Чому ви отримали цей лист: ви запросили цей запис розмови в чаті на ${site}. Більше нічого не надсилаємо.`,
  earlier: (n) => pl('uk', n, { one: '(# давніше повідомлення не показано)', few: '(# давніші повідомлення не показано)', many: '(# давніших повідомлень не показано)', other: '(# давнішого повідомлення не показано)' }),
  photo: '[фото]',
};

const zhHans: MailStrings = {
  lang: 'zh-Hans',
  replySubject: (who, site) => `${who} 在 ${site} 回复了您的消息`,
  transcriptSubject: (site) => `您在 ${site} 的对话`,
  hello: (name) => (name ? `${name}，您好：` : '您好：'),
  replyIntro: (who, site) => `${site} 的 ${who} 回复了您的消息：`,
  transcriptIntro: (site) => `这是您在 ${site} 的对话记录，供您查阅：`,
  you: '您',
  team: '团队',
  continueLine: '继续对话：',
  linkNote: '此链接在 7 天内可打开一次对话。您也可以直接回到网站：回复都在聊天里等着您。',
  replyWhy: (site) => `为什么会收到这封邮件：您在 ${site} 的聊天中留下了这个邮箱，以便您离开后团队仍能回复您。只有当有人回复而您尚未阅读时我们才会写信，不会发送其他内容。`,
  transcriptWhy: (site) => `为什么会收到这封邮件：您在 ${site} 的聊天中申请了这份对话记录。不会发送其他内容。`,
  earlier: (n) => `（还有 ${n} 条较早的消息未显示）`,
  photo: '[照片]',
};

const zhHant: MailStrings = {
  lang: 'zh-Hant',
  replySubject: (who, site) => `${who} 在 ${site} 回覆了您的訊息`,
  transcriptSubject: (site) => `您在 ${site} 的對話`,
  hello: (name) => (name ? `${name}，您好：` : '您好：'),
  replyIntro: (who, site) => `${site} 的 ${who} 回覆了您的訊息：`,
  transcriptIntro: (site) => `這是您在 ${site} 的對話紀錄，供您查閱：`,
  you: '您',
  team: '團隊',
  continueLine: '繼續對話：',
  linkNote: '此連結在 7 天內可開啟一次對話。您也可以直接回到網站：回覆都在聊天中等著您。',
  replyWhy: (site) => `為什麼會收到這封郵件：您在 ${site} 的聊天中留下了這個電子郵件地址，讓團隊在您離開後仍能回覆您。只有在有人回覆而您尚未閱讀時我們才會寄信，不會寄送其他內容。`,
  transcriptWhy: (site) => `為什麼會收到這封郵件：您在 ${site} 的聊天中要求了這份對話紀錄。不會寄送其他內容。`,
  earlier: (n) => `（還有 ${n} 則較早的訊息未顯示）`,
  photo: '[照片]',
};

const ja: MailStrings = {
  lang: 'ja',
  replySubject: (who, site) => `${site} の${who}からメッセージへの返信が届きました`,
  transcriptSubject: (site) => `${site} での会話`,
  hello: (name) => (name ? `${name} 様` : 'お客様'),
  replyIntro: (who, site) => `${site} の${who}がお客様のメッセージに返信しました：`,
  transcriptIntro: (site) => `ご依頼いただいた ${site} での会話の記録です：`,
  you: 'あなた',
  team: 'スタッフ',
  continueLine: '会話を続ける：',
  linkNote: 'このリンクは 7 日以内に 1 回だけ会話を開けます。サイトに戻っていただくだけでも、チャットで返信をご覧いただけます。',
  replyWhy: (site) => `このメールが届いた理由：お客様が ${site} のチャットにこのメールアドレスを残されたため、ページを離れた後もスタッフが返信できるようにお送りしています。返信があり、まだお読みでない場合にのみお送りし、それ以外のメールは送りません。`,
  transcriptWhy: (site) => `このメールが届いた理由：${site} のチャットでこの会話の記録をご依頼いただきました。それ以外のメールは送りません。`,
  earlier: (n) => `（以前のメッセージ ${n} 件は表示していません）`,
  photo: '[写真]',
};

const ar: MailStrings = {
  lang: 'ar',
  replySubject: (who, site) => `ردّ ${who} على رسالتك في ${site}`,
  transcriptSubject: (site) => `محادثتك في ${site}`,
  hello: (name) => (name ? `مرحبًا ${name}،` : 'مرحبًا،'),
  replyIntro: (who, site) => `ردّ ${who} من ${site} على رسالتك:`,
  transcriptIntro: (site) => `إليك محادثتك في ${site} كما طلبت:`,
  you: 'أنت',
  team: 'الفريق',
  continueLine: 'متابعة المحادثة:',
  linkNote: 'يفتح الرابط المحادثة مرة واحدة خلال 7 أيام. يمكنك أيضًا العودة إلى الموقع ببساطة: ردودك بانتظارك في المحادثة.',
  replyWhy: (site) => `لماذا وصلتك هذه الرسالة: تركت عنوان البريد هذا في المحادثة على ${site} حتى يتمكن الفريق من الرد عليك إن غادرت. لا نكتب إلا عندما يرد أحد ولم تقرأ الرد بعد؛ ولا نرسل شيئًا آخر.`,
  transcriptWhy: (site) => `لماذا وصلتك هذه الرسالة: طلبت نص هذه المحادثة في المحادثة على ${site}. ولا نرسل شيئًا آخر.`,
  earlier: (n) => pl('ar', n, { zero: '(لا رسائل سابقة مخفية)', one: '(رسالة سابقة واحدة غير معروضة)', two: '(رسالتان سابقتان غير معروضتين)', few: '(# رسائل سابقة غير معروضة)', many: '(# رسالة سابقة غير معروضة)', other: '(# رسالة سابقة غير معروضة)' }),
  photo: '[صورة]',
};

const he: MailStrings = {
  lang: 'he',
  replySubject: (who, site) => `${who} ענה/תה להודעה שלכם ב־${site}`,
  transcriptSubject: (site) => `השיחה שלכם ב־${site}`,
  hello: (name) => (name ? `שלום ${name},` : 'שלום,'),
  replyIntro: (who, site) => `${who} מ־${site} ענה/תה להודעה שלכם:`,
  transcriptIntro: (site) => `הנה השיחה שלכם ב־${site}, כפי שביקשתם:`,
  you: 'אתם',
  team: 'הצוות',
  continueLine: 'להמשך השיחה:',
  linkNote: 'הקישור פותח את השיחה פעם אחת, בתוך 7 ימים. אפשר גם פשוט לחזור לאתר: התשובות מחכות לכם בצ׳אט.',
  replyWhy: (site) => `למה קיבלתם את זה: השארתם את כתובת האימייל הזו בצ׳אט ב־${site} כדי שהצוות יוכל לענות לכם אם תעזבו. אנחנו כותבים רק כשמישהו עונה ועדיין לא קראתם; לא נשלח שום דבר אחר.`,
  transcriptWhy: (site) => `למה קיבלתם את זה: ביקשתם את תמליל השיחה בצ׳אט ב־${site}. לא נשלח שום דבר אחר.`,
  earlier: (n) => pl('he', n, { one: '(הודעה קודמת אחת לא מוצגת)', two: '(# הודעות קודמות לא מוצגות)', other: '(# הודעות קודמות לא מוצגות)' }),
  photo: '[תמונה]',
};

const ALL: Partial<Record<Lang, MailStrings>> = { en, fr, de, es, sk, cs, pl: plMail, ru, uk, 'zh-Hans': zhHans, 'zh-Hant': zhHant, ja, ar, he };

/** Right-to-left languages: the HTML part is `dir="rtl"`. */
export const mailDir = (t: MailStrings) => (t.lang === 'ar' || t.lang === 'he' ? 'rtl' : 'ltr');

/**
 * The strings for the conversation's language: the first of the page's `lang` and the browser's
 * languages (in the visitor's order) that Baton speaks, as the widget picks; English otherwise.
 */
export function mailStrings(context: ContextSnapshot | null): MailStrings {
  const tags = [context?.page.language, ...(context?.device.languages ?? []), context?.device.language];
  for (const tag of tags) {
    const t = ALL[langOf(tag) ?? 'en-XA'];
    if (t) return t;
  }
  return en;
}

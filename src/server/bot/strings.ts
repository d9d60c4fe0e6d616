/**
 * What the bot says by itself (a handover, a built-in answer's frame), in the visitor's language:
 * the first of the page's `lang` and the browser's languages that Baton speaks, as the widget picks
 * (src/protocol/languages.ts); the widget's 14 languages (issue 18). "Talk to a person" is the
 * widget's button (`talkToPerson` in src/ui/locales/<code>.ts): the same words in each language.
 */
import type { ContextSnapshot } from '../../protocol/context';
import { langOf, type Lang } from '../../protocol/languages';

const en = {
  /** A person is wanted and agents are online. */
  handoverOnline: 'I’m getting a person for you. An agent will answer here and will see this conversation.',
  /** A person is wanted and nobody is online. */
  handoverOffline: 'Nobody from the team is online right now. Your message is kept: they will answer here as soon as they are back.',
  /** The built-in bot found nothing it is sure of (the handover's sentence follows in the same message). */
  unsure: 'I’m not sure I have the right answer to that.',
  /** A first message with no question in it ("hi"). */
  greeting: 'Hi! What can I help you with? Ask me a question, or press “Talk to a person” at any time.',
  /** The built-in bot's answer: the article's title, then its first lines, then the link. */
  articleIntro: (title: string) => `This article should help: “${title}”.`,
  readMore: 'Read it all:',
  /** After an answer: the way to a person. */
  stillNeedHelp: 'Not what you needed? Press “Talk to a person”.',
};

export type BotStrings = typeof en;

const fr: BotStrings = {
  handoverOnline: 'Je vous passe une personne de l’équipe. Elle vous répondra ici et verra cette conversation.',
  handoverOffline: 'Personne n’est en ligne pour le moment. Votre message est gardé : l’équipe vous répondra ici dès son retour.',
  unsure: 'Je ne suis pas sûr d’avoir la bonne réponse.',
  greeting: 'Bonjour ! Que puis-je faire pour vous ? Posez-moi une question, ou appuyez sur « Parler à une personne » à tout moment.',
  articleIntro: (title: string) => `Cet article devrait vous aider : « ${title} ».`,
  readMore: 'Tout lire :',
  stillNeedHelp: 'Ce n’est pas ce qu’il vous fallait ? Appuyez sur « Parler à une personne ».',
};

const de: BotStrings = {
  handoverOnline: 'Ich hole einen Mitarbeiter für Sie. Er antwortet hier und sieht dieses Gespräch.',
  handoverOffline: 'Gerade ist niemand aus dem Team online. Ihre Nachricht bleibt erhalten: Das Team antwortet hier, sobald es zurück ist.',
  unsure: 'Ich bin nicht sicher, ob ich darauf die richtige Antwort habe.',
  greeting: 'Hallo! Wobei kann ich helfen? Stellen Sie mir eine Frage oder tippen Sie jederzeit auf „Mit einem Menschen sprechen“.',
  articleIntro: (title: string) => `Dieser Artikel sollte helfen: „${title}“.`,
  readMore: 'Ganz lesen:',
  stillNeedHelp: 'Nicht das Richtige? Tippen Sie auf „Mit einem Menschen sprechen“.',
};

const es: BotStrings = {
  handoverOnline: 'Te paso con una persona del equipo. Te responderá aquí y verá esta conversación.',
  handoverOffline: 'Ahora no hay nadie del equipo en línea. Tu mensaje queda guardado: te responderán aquí en cuanto vuelvan.',
  unsure: 'No estoy seguro de tener la respuesta correcta.',
  greeting: '¡Hola! ¿En qué puedo ayudarte? Hazme una pregunta o pulsa «Hablar con una persona» cuando quieras.',
  articleIntro: (title: string) => `Este artículo debería ayudarte: «${title}».`,
  readMore: 'Leer completo:',
  stillNeedHelp: '¿No es lo que buscabas? Pulsa «Hablar con una persona».',
};

const sk: BotStrings = {
  handoverOnline: 'Volám vám niekoho z tímu. Odpovie vám tu a uvidí túto konverzáciu.',
  handoverOffline: 'Momentálne nie je nikto z tímu online. Vaša správa zostáva: odpovedia vám tu hneď, ako budú späť.',
  unsure: 'Nie som si istý, či mám na to správnu odpoveď.',
  greeting: 'Dobrý deň! S čím vám môžem pomôcť? Opýtajte sa ma alebo kedykoľvek stlačte „Hovoriť s človekom“.',
  articleIntro: (title: string) => `Tento článok by vám mal pomôcť: „${title}“.`,
  readMore: 'Prečítať celý:',
  stillNeedHelp: 'Nie je to, čo ste hľadali? Stlačte „Hovoriť s človekom“.',
};

const cs: BotStrings = {
  handoverOnline: 'Volám vám někoho z týmu. Odpoví vám tady a uvidí tuto konverzaci.',
  handoverOffline: 'Právě není nikdo z týmu online. Vaše zpráva zůstává: odpoví vám tady, jakmile budou zpět.',
  unsure: 'Nejsem si jistý, jestli na to mám správnou odpověď.',
  greeting: 'Dobrý den! S čím vám mohu pomoci? Zeptejte se mě nebo kdykoli stiskněte „Mluvit s člověkem“.',
  articleIntro: (title: string) => `Tento článek by vám měl pomoci: „${title}“.`,
  readMore: 'Přečíst celý:',
  stillNeedHelp: 'Není to, co jste hledali? Stiskněte „Mluvit s člověkem“.',
};

const pl: BotStrings = {
  handoverOnline: 'Łączę Cię z kimś z zespołu. Odpowie tutaj i zobaczy tę rozmowę.',
  handoverOffline: 'Teraz nikogo z zespołu nie ma online. Twoja wiadomość zostaje: odpowiemy tutaj, gdy tylko wrócimy.',
  unsure: 'Nie jestem pewien, czy mam na to dobrą odpowiedź.',
  greeting: 'Dzień dobry! W czym mogę pomóc? Zadaj mi pytanie albo w każdej chwili naciśnij „Porozmawiaj z człowiekiem”.',
  articleIntro: (title: string) => `Ten artykuł powinien pomóc: „${title}”.`,
  readMore: 'Przeczytaj całość:',
  stillNeedHelp: 'Nie o to chodziło? Naciśnij „Porozmawiaj z człowiekiem”.',
};

const ru: BotStrings = {
  handoverOnline: 'Зову человека из команды. Он ответит здесь и увидит этот диалог.',
  handoverOffline: 'Сейчас никого из команды нет в сети. Ваше сообщение сохранено: вам ответят здесь, как только вернутся.',
  unsure: 'Не уверен, что у меня есть правильный ответ.',
  greeting: 'Здравствуйте! Чем могу помочь? Задайте вопрос или в любой момент нажмите «Позвать человека».',
  articleIntro: (title: string) => `Эта статья должна помочь: «${title}».`,
  readMore: 'Читать полностью:',
  stillNeedHelp: 'Не то, что нужно? Нажмите «Позвать человека».',
};

const uk: BotStrings = {
  handoverOnline: 'Кличу людину з команди. Вона відповість тут і побачить цю розмову.',
  handoverOffline: 'Зараз нікого з команди немає в мережі. Ваше повідомлення збережено: вам відповідять тут, щойно повернуться.',
  unsure: 'Не впевнений, що маю правильну відповідь.',
  greeting: 'Вітаємо! Чим можу допомогти? Поставте запитання або будь-коли натисніть «Покликати людину».',
  articleIntro: (title: string) => `Ця стаття має допомогти: «${title}».`,
  readMore: 'Читати повністю:',
  stillNeedHelp: 'Не те, що потрібно? Натисніть «Покликати людину».',
};

const zhHans: BotStrings = {
  handoverOnline: '正在为您转接人工客服。客服会在这里回复您，并能看到这段对话。',
  handoverOffline: '团队目前无人在线。您的消息已保留：他们回来后会第一时间在这里回复您。',
  unsure: '我不确定能给出正确的答案。',
  greeting: '您好！有什么可以帮您？请直接提问，或随时点击“转人工客服”。',
  articleIntro: (title: string) => `这篇文章应该能帮到您：“${title}”。`,
  readMore: '阅读全文：',
  stillNeedHelp: '没有解决您的问题？请点击“转人工客服”。',
};

const zhHant: BotStrings = {
  handoverOnline: '正在為您轉接真人客服。客服會在這裡回覆您，並能看到這段對話。',
  handoverOffline: '團隊目前沒有人在線上。您的訊息已保留：他們回來後會第一時間在這裡回覆您。',
  unsure: '我不確定能給出正確的答案。',
  greeting: '您好！有什麼可以幫您？請直接提問，或隨時點選「轉真人客服」。',
  articleIntro: (title: string) => `這篇文章應該能幫上忙：「${title}」。`,
  readMore: '閱讀全文：',
  stillNeedHelp: '沒有解決您的問題？請點選「轉真人客服」。',
};

const ja: BotStrings = {
  handoverOnline: 'スタッフにおつなぎします。スタッフがこちらで返信し、この会話の内容も確認できます。',
  handoverOffline: 'ただいま対応できるスタッフがいません。メッセージはそのまま残ります。戻り次第こちらでお返事します。',
  unsure: 'その質問に正しくお答えできるか自信がありません。',
  greeting: 'こんにちは！どのようなご用件でしょうか？ご質問をどうぞ。いつでも「スタッフと話す」を押せます。',
  articleIntro: (title: string) => `こちらの記事が役に立つはずです：「${title}」`,
  readMore: '続きを読む：',
  stillNeedHelp: '解決しませんでしたか？「スタッフと話す」を押してください。',
};

const ar: BotStrings = {
  handoverOnline: 'سأحوّلك إلى شخص من الفريق. سيرد عليك هنا وسيرى هذه المحادثة.',
  handoverOffline: 'لا أحد من الفريق متصل الآن. رسالتك محفوظة: سيردون عليك هنا فور عودتهم.',
  unsure: 'لست متأكدًا من أن لديّ الإجابة الصحيحة.',
  greeting: 'مرحبًا! كيف يمكنني مساعدتك؟ اطرح سؤالك، أو اضغط «التحدث إلى شخص» في أي وقت.',
  articleIntro: (title: string) => `هذه المقالة قد تفيدك: «${title}».`,
  readMore: 'اقرأها كاملة:',
  stillNeedHelp: 'ليس ما تبحث عنه؟ اضغط «التحدث إلى شخص».',
};

const he: BotStrings = {
  handoverOnline: 'אני מעביר אתכם לנציג. הוא יענה כאן ויראה את השיחה הזו.',
  handoverOffline: 'אף אחד מהצוות לא מחובר כרגע. ההודעה שלכם נשמרה: יענו לכם כאן ברגע שיחזרו.',
  unsure: 'אני לא בטוח שיש לי את התשובה הנכונה לזה.',
  greeting: 'שלום! במה אפשר לעזור? שאלו אותי שאלה, או לחצו על „לדבר עם נציג” בכל רגע.',
  articleIntro: (title: string) => `המאמר הזה אמור לעזור: „${title}”.`,
  readMore: 'לקריאה המלאה:',
  stillNeedHelp: 'לא מה שחיפשתם? לחצו על „לדבר עם נציג”.',
};

const ALL: Partial<Record<Lang, BotStrings>> = { en, fr, de, es, sk, cs, pl, ru, uk, 'zh-Hans': zhHans, 'zh-Hant': zhHant, ja, ar, he };

/**
 * The strings for the visitor's language: the first of the page's `lang` and the browser's
 * languages (in the visitor's order) that Baton speaks; English otherwise.
 */
export function botStrings(context: ContextSnapshot | null): BotStrings {
  for (const tag of [context?.page.language, ...(context?.device.languages ?? []), context?.device.language]) {
    const t = ALL[langOf(tag) ?? 'en-XA'];
    if (t) return t;
  }
  return en;
}

// The demo store's own words per widget language (boot option `translations`, README): its topic
// menu and its proactive messages, so `?lang=sk` shows a Slovak widget with a Slovak menu. Queues
// and skills stay the same in every language: the agent's filters do not depend on the visitor's.

/** [Billing, Invoices, Refunds, Technical support, Sales, sold-out message, checkout message] */
const WORDS = {
  fr: ['Facturation', 'Factures', 'Remboursements', 'Assistance technique', 'Ventes', 'Cette taille est épuisée. Besoin d’aide pour en trouver une qui vous va\u00a0?', 'Bloqué au paiement\u00a0? Nous pouvons vous aider à finaliser votre commande.'],
  de: ['Rechnungen und Zahlung', 'Rechnungen', 'Erstattungen', 'Technischer Support', 'Vertrieb', 'Diese Größe ist ausverkauft. Sollen wir Ihnen helfen, eine passende zu finden?', 'Hängen Sie an der Kasse fest? Wir helfen Ihnen, die Bestellung abzuschließen.'],
  es: ['Facturación', 'Facturas', 'Reembolsos', 'Soporte técnico', 'Ventas', 'Esa talla está agotada. ¿Te ayudamos a encontrar una que te quede bien?', '¿Atascado en el pago? Te ayudamos a terminar tu pedido.'],
  sk: ['Fakturácia', 'Faktúry', 'Vrátenie peňazí', 'Technická podpora', 'Predaj', 'Táto veľkosť je vypredaná. Pomôžeme vám nájsť takú, ktorá vám sadne?', 'Zasekli ste sa pri pokladni? Pomôžeme vám dokončiť objednávku.'],
  cs: ['Fakturace', 'Faktury', 'Vrácení peněz', 'Technická podpora', 'Prodej', 'Tato velikost je vyprodaná. Pomůžeme vám najít takovou, která vám padne?', 'Zasekli jste se u pokladny? Pomůžeme vám dokončit objednávku.'],
  pl: ['Płatności', 'Faktury', 'Zwroty', 'Pomoc techniczna', 'Sprzedaż', 'Ten rozmiar jest wyprzedany. Pomóc Ci znaleźć pasujący?', 'Utknąłeś przy płatności? Pomożemy Ci dokończyć zamówienie.'],
  ru: ['Оплата и счета', 'Счета', 'Возвраты', 'Техническая поддержка', 'Продажи', 'Этот размер закончился. Помочь подобрать подходящий?', 'Не получается оформить заказ? Мы поможем его завершить.'],
  uk: ['Оплата й рахунки', 'Рахунки', 'Повернення коштів', 'Технічна підтримка', 'Продажі', 'Цей розмір закінчився. Допомогти підібрати підхожий?', 'Не вдається оформити замовлення? Ми допоможемо його завершити.'],
  'zh-Hans': ['账单', '发票', '退款', '技术支持', '销售', '这个尺码已售罄。需要帮您找一双合适的吗？', '结账遇到问题？我们可以帮您完成订单。'],
  'zh-Hant': ['帳單', '發票', '退款', '技術支援', '銷售', '這個尺寸已售完。需要幫您找一雙合適的嗎？', '結帳遇到問題？我們可以協助您完成訂單。'],
  ja: ['お支払い', '請求書', '返金', '技術サポート', '販売', 'このサイズは売り切れです。ぴったりのサイズ探しをお手伝いしましょうか？', 'お会計でお困りですか？ご注文の完了をお手伝いします。'],
  ar: ['الفواتير والدفع', 'الفواتير', 'استرداد الأموال', 'الدعم الفني', 'المبيعات', 'نفد هذا المقاس. هل تريد مساعدة في العثور على مقاس يناسبك؟', 'هل تواجه مشكلة في الدفع؟ يمكننا مساعدتك على إتمام طلبك.'],
  he: ['חיובים ותשלומים', 'חשבוניות', 'החזרים', 'תמיכה טכנית', 'מכירות', 'המידה הזו אזלה. לעזור לכם למצוא מידה שמתאימה?', 'נתקעתם בתשלום? נעזור לכם להשלים את ההזמנה.'],
};

/** The languages of the demo's switch (`?lang=`), with their names in their own language. */
export const DEMO_LANGUAGES = [
  ['en', 'English'], ['fr', 'Français'], ['de', 'Deutsch'], ['es', 'Español'], ['sk', 'Slovenčina'], ['cs', 'Čeština'],
  ['pl', 'Polski'], ['ru', 'Русский'], ['uk', 'Українська'], ['zh-Hans', '简体中文'], ['zh-Hant', '繁體中文'], ['ja', '日本語'],
  ['ar', 'العربية'], ['he', 'עברית'],
];

/**
 * `translations` for the demo's boot options: the menu and the proactive messages in each language,
 * with the same queues, skills, rule ids and conditions as the English ones (`base`).
 * @param {{ menu: any[], proactive: any[] }} base
 */
export function demoTranslations(base) {
  /** @type {Record<string, { menu: any[], proactive: any[] }>} */
  const out = {};
  for (const [lang, [billing, invoices, refunds, tech, sales, soldOut, checkout]] of Object.entries(WORDS)) {
    const [b, t, s] = base.menu;
    out[lang] = {
      menu: [
        { ...b, label: billing, options: [{ label: invoices }, { label: refunds }] },
        { ...t, label: tech },
        { ...s, label: sales },
      ],
      proactive: [
        { ...base.proactive[0], message: soldOut },
        { ...base.proactive[1], message: checkout },
      ],
    };
  }
  return out;
}

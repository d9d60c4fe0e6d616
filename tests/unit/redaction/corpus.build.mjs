#!/usr/bin/env node
// Builds tests/unit/redaction/corpus.json: real-world-shaped URLs of shops, banks, SSO flows,
// password resets, e-mail links and government sites in the markets Baton serves (CZ/SK, RU, CN,
// US, UK), each with the personal values or secrets it carries (`secrets`: none may survive
// redaction) and the harmless values that must (`keep`). Hosts and paths follow what those sites
// really use; the personal values are generated valid (check digits computed), deterministically.
// Usage: node tests/unit/redaction/corpus.build.mjs   (rewrites corpus.json; review the diff)
//
// Template syntax: {kind} a secret of that kind, {kind|enc} percent-encoded (encodeURIComponent),
// {kind|enc2} encoded twice, {kind|plus} encoded with + for spaces; <<text>> a value to keep;
// {~kind} a value that is neither (pseudonymous tracking ids, OAuth `state`, payment session
// ids): it may be redacted or not, and is not counted.
import { writeFileSync } from 'node:fs';

let seed = 20261203;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
const pick = (xs) => xs[int(0, xs.length - 1)];
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
const pad = (n, w) => String(n).padStart(w, '0');

function luhnDigit(body) {
  let sum = 0;
  for (let i = body.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = Number(body[i]);
    if (dbl && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}
function cardNumber() {
  const [prefix, len] = pick([['4', 16], ['5', 16], ['2200', 16], ['37', 15], ['6011', 16], ['62', 16]]);
  const body = prefix + digits(len - prefix.length - 1);
  return body + luhnDigit(body);
}
const ACCOUNT_WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
const accountMod11 = (d) => [...d].reverse().reduce((sum, c, i) => sum + Number(c) * ACCOUNT_WEIGHTS[9 - i], 0) % 11 === 0;
function czAccount() {
  let number;
  do number = String(int(1, 9)) + digits(int(5, 9));
  while (!accountMod11(number));
  let prefix = '';
  if (rand() < 0.3) do prefix = String(int(1, 9)) + digits(int(1, 5)); while (!accountMod11(prefix));
  return `${prefix ? prefix + '-' : ''}${number}/${pick(['0100', '0300', '0800', '2010', '5500', '0600', '6100'])}`;
}
const group4 = (s, sep) => s.replace(/(.{4})(?=.)/g, `$1${sep}`);
function chinaId() {
  const body = pick(['110101', '310104', '440305', '510107', '330106', '420102']) + int(1950, 2005) + pad(int(1, 12), 2) + pad(int(1, 28), 2) + digits(3);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (2 ** (17 - i) % 11);
  return body + '10X98765432'[sum % 11];
}
function birthNumber(slash) {
  for (;;) {
    const nine = pad(int(54, 99), 2) + pad(int(1, 12) + pick([0, 50]), 2) + pad(int(1, 28), 2) + digits(3);
    const last = (11 - ((Number(nine) * 10) % 11)) % 11;
    if (last < 10) return slash ? `${nine.slice(0, 6)}/${nine.slice(6)}${last}` : nine + last;
  }
}
function snils(formatted) {
  for (;;) {
    const nine = digits(9);
    if (Number(nine) <= 1001998) continue;
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
    const c = sum < 100 ? sum : sum % 101 === 100 ? 0 : sum % 101;
    return formatted ? `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6)} ${pad(c, 2)}` : nine + pad(c, 2);
  }
}
const ssn = () => `${pad(pick([int(1, 665), int(667, 899)]), 3)}-${pad(int(1, 99), 2)}-${pad(int(1, 9999), 4)}`;
function nino(spaced) {
  const p = pick(['AB', 'CE', 'JP', 'SR', 'WK', 'YZ', 'HT', 'PL']);
  const six = digits(6);
  const s = pick(['A', 'B', 'C', 'D']);
  return spaced ? `${p} ${six.slice(0, 2)} ${six.slice(2, 4)} ${six.slice(4)} ${s}` : p + six + s;
}
function mod97(s) {
  let r = 0;
  for (const c of s) r = Number(String(r) + String(parseInt(c, 36))) % 97;
  return r;
}
function iban(cc, spaced) {
  const bban = { CZ: () => pick(['0800', '0100', '0300', '2010', '5500']) + digits(16), SK: () => pick(['1100', '0900', '0200']) + digits(16), DE: () => digits(18), GB: () => pick(['NWBK', 'BARC', 'MIDL', 'LOYD']) + digits(14), AT: () => digits(16), PL: () => digits(24), FR: () => digits(23), NL: () => pick(['ABNA', 'INGB', 'RABO']) + digits(10) }[cc]();
  const check = pad(98 - mod97(bban + cc + '00'), 2);
  const s = cc + check + bban;
  return spaced ? group4(s, ' ') : s;
}
const b64url = (s) => Buffer.from(s).toString('base64url');
const jwt = () => `${b64url(JSON.stringify({ alg: pick(['RS256', 'HS256']), typ: 'JWT', kid: digits(4) }))}.${b64url(JSON.stringify({ sub: digits(8), email: 'jan.novak@seznam.cz', iat: 1764700000 + int(0, 99999), exp: 1764790000 }))}.${b64url(digits(32) + 'sig')}`;
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const alnum = (n) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[int(0, 61)]).join('');
const cas = () => `ST-${int(1, 99999)}-${alnum(20).replace(/^(.)/, 'a$1').replace(/(.)$/, '$17')}-cas01.cuni.cz`;

const EMAILS = ['jan.novak@seznam.cz', 'petra.svobodova@email.cz', 'm.dvorak@centrum.cz', 'zuzana.kovacova@azet.sk', 'ivan.petrov@yandex.ru', 'olga.smirnova@mail.ru', 'wang.fang@qq.com', 'li.na@163.com', 'john.smith@gmail.com', 'emma.jones@btinternet.com', 'a.taylor+orders@outlook.com', 'sarah_miller@yahoo.com'];
const PHONES = ['+420 603 123 456', '+420603123456', '+421 905 123 456', '+7 916 123-45-67', '8 (916) 123-45-67', '+1 415 555 0134', '(415) 555-0134', '+44 7700 900123', '07700 900123', '+86 138 0013 8000'];
const PASSWORDS = ['Heslo123!', 'hunter2', 'Tr0ub4dor&3', 'parol2024', 'S3cret-Pass', 'qwerty!42'];
const NAMES = ['Jan', 'Novák', 'Petra', 'Svobodová', 'Ivan', 'Petrov', 'Wang', 'John', 'Smith', 'Emma'];

const KINDS = {
  email: () => pick(EMAILS),
  phone: () => pick(PHONES),
  password: () => pick(PASSWORDS),
  name: () => pick(NAMES),
  card: () => cardNumber(),
  cardSpaced: () => group4(cardNumber().padEnd(16, '').slice(0, 16), ' '),
  cardDashed: () => group4(cardNumber(), '-'),
  cardDotted: () => group4(cardNumber(), '.'),
  china: chinaId,
  rc: () => birthNumber(false),
  rcSlash: () => birthNumber(true),
  snils: () => snils(false),
  snilsFmt: () => snils(true),
  ssn,
  nino: () => nino(false),
  ninoSpaced: () => nino(true),
  account: czAccount,
  ibanCZ: () => iban('CZ', false),
  ibanCZs: () => iban('CZ', true),
  ibanSK: () => iban('SK', pick([true, false])),
  ibanDE: () => iban('DE', pick([true, false])),
  ibanGB: () => iban('GB', pick([true, false])),
  ibanEU: () => iban(pick(['AT', 'PL', 'FR', 'NL']), pick([true, false])),
  jwt,
  cas,
  hex32: () => hex(32),
  hex40: () => hex(40),
  token: () => alnum(int(24, 43)),
  basic: () => Buffer.from(`${pick(['jan.novak', 'admin', 'ivan'])}:${pick(PASSWORDS)}`).toString('base64'),
  code: () => alnum(int(20, 40)),
  otp: () => digits(6),
  uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  saml: () => Buffer.from(`<samlp:Response ID="_${hex(20)}"><saml:NameID>${pick(EMAILS)}</saml:NameID></samlp:Response>`).toString('base64'),
  session: () => hex(26),
};

const T = [];
const add = (group, ...urls) => urls.forEach((u) => T.push([group, u]));
const N = (n, f) => Array.from({ length: n }, (_, i) => f(i));

// ---------- Czech and Slovak shops, banks, insurers, government ----------
add('cz shop',
  'https://www.alza.cz/objednavka/dokonceni?orderId=<<2411030123>>&email={email|enc}&utm_source=<<email>>',
  'https://www.alza.cz/muj-ucet/objednavky/<<1023456789>>?ref=<<mail>>',
  'https://www.mall.cz/kosik/platba?step=<<3>>&card={card}&exp=12%2F27',
  'https://www.rohlik.cz/objednavka/<<78451236>>/potvrzeni?telefon={phone|enc}',
  'https://www.czc.cz/hledat?q=<<notebook+lenovo+thinkpad>>&dodani={email|enc}',
  'https://www.notino.cz/registrace/overeni/{hex40}?lang=<<cs>>',
  'https://www.datart.cz/zapomenute-heslo/obnova/{token}',
  'https://eshop.example.cz/objednavka/dekujeme?vs=<<2024110301>>&ucet={ibanCZ}&castka=<<1299>>',
  'https://eshop.example.cz/platba/qr?spd=SPD*1.0*ACC:{ibanCZ}*AM:<<1299.00>>*CC:CZK*X-VS:<<2024110301>>',
  'https://www.heureka.cz/?h%5Bfraze%5D=<<iphone+15>>&ref={email|enc}',
  'https://www.zalando.cz/myaccount/?_rfl=<<cs>>&login_hint={email|enc}',
  'https://obchod.example.sk/objednavka/potvrdenie/<<SK-2024-004512>>?iban={ibanSK|enc}',
  'https://www.martinus.sk/?uMod=<<list>>&uTyp=<<search>>&c=<<knihy>>&note={phone|enc}',
);
add('cz bank',
  'https://ib.fio.cz/ib/wi/prikaz?cislo_uctu={ibanCZ}&castka=<<2500>>&zprava=<<Faktura+2024-118>>',
  'https://online.csob.cz/odhlaseni?next=%2Fplatby%2Fnova%3Fprotiucet%3D{ibanCZs|enc2}%26vs%3D<<7788>>',
  'https://www.kb.cz/cs/obcane/platby/qr-platba?iban={ibanCZs|enc}&amount=<<150>>',
  'https://ib.moneta.cz/payments/new#iban={ibanCZ}&vs=<<20241103>>',
  'https://www.airbank.cz/ib/transfer/confirm?to={ibanCZs|plus}&msg=<<Najem+listopad>>',
  'https://ib.slsp.sk/payments/sepa?beneficiary={ibanSK|enc}&ref=<<FA-1102>>',
  'https://www.tatrabanka.sk/ib/platba?ucet={ibanSK|enc}&suma=<<49.90>>',
  'https://ib.rb.cz/platby?protiucet={ibanCZ}',
  'https://ib.mbank.cz/payments/transfer?acc={ibanCZs|enc}&title=<<Objednavka+88421>>',
  'https://pay.gopay.cz/gw/v3/{~hex32}?paymentSessionId={~otp}',
  'https://ib.fio.cz/ib/wi/prikaz?protiucet={account|enc}&castka=<<990>>&vs=<<2411030123>>',
  'https://eshop.example.cz/objednavka/dekujeme?platba=<<prevodem>>&ucet={account|enc}&vs=<<2024110302>>',
  'https://www.example.cz/darujte?cislo_uctu={account}',
  'https://ib.example.sk/platba/nova#ucet={account|enc}&suma=<<25>>',
  'https://www.example.cz/faktura/<<FA-2024-0881>>?note=Zaplatte+na+{account|plus}',
  'https://www.csas.cz/cs/ib/prihlaseni?ReturnUrl=%2Fib%2Fpayments%3Fiban%3D{ibanCZ}%26amount%3D<<500>>',
);
add('cz insurer gov',
  'https://moje.vzp.cz/pojistenec/prehled?rc={rc}&tab=<<platby>>',
  'https://www.pojistovna.example.cz/kalkulacka?rodne_cislo={rcSlash|enc}&vek=<<35>>',
  'https://portal.example.cz/klient/{rcSlash|enc}/smlouvy',
  'https://www.cpzp.cz/ucet/overeni?id={rc}&krok=<<2>>',
  'https://identita.gov.cz/saml/acs?SAMLResponse={saml|enc}&RelayState=%2Fportal%2Fpodani%3Frc%3D{rc}',
  'https://portal.gov.cz/prihlaseni?returnUrl={jwt}',
  'https://obcan.portal.gov.cz/profil?birth_number={rc}&jmeno={name|enc}',
  'https://www.mpsv.cz/web/cz/zadost?rc={rcSlash|enc}&typ=<<davka>>',
  'https://eportal.cssz.cz/web/portal/-/tiskopisy/zadost?pojistenec={rcSlash|enc}',
  'https://www.slovensko.sk/sk/ziadost?rodneCislo={rcSlash|enc}',
  'https://nemocnice.example.cz/objednani/termin?pacient={rc}&datum=<<2024-12-05>>',
  'https://lekarna.example.cz/erecept/{token}?rc={rc}',
);
add('cz email links',
  'https://email.example.cz/c/{~hex32}?u=https%3A%2F%2Fwww.alza.cz%2Fakce%3Fe%3D{email|enc2}%26utm_source%3D<<newsletter>>',
  'https://click.mailkit.eu/c/<<94512>>/{~hex32}?url=https%3A%2F%2Fwww.mall.cz%2Fkosik%3Femail%3D{email|enc2}',
  'https://www.rohlik.cz/reset-hesla/{hex40}',
  'https://www.seznam.cz/aktivace/{token}?utm_campaign=<<welcome>>',
  'https://login.szn.cz/?return_url=https%3A%2F%2Femail.seznam.cz%2F%3Flogin%3D{email|enc2}',
  'https://www.notino.cz/odhlasit-newsletter/{hex32}?email={email|enc}',
);

// ---------- Russia ----------
add('ru shop',
  'https://www.ozon.ru/my/orderdetails/?order=<<48515322-0012>>&phone={phone|enc}',
  'https://www.wildberries.ru/lk/myorders/delivery?utm_source=<<email>>&login={email|enc}',
  'https://www.avito.ru/moskva/kvartiry?q=<<2-k+kvartira>>&contact={phone|enc}',
  'https://market.yandex.ru/my/order/<<349912811>>?track=<<ozon>>&email={email|enc}',
  'https://www.dns-shop.ru/order/begin/?card={cardSpaced|enc}',
  'https://www.lamoda.ru/customer/account/?recovery={hex32}&email={email|enc}',
  'https://www.mvideo.ru/checkout?step=<<payment>>#card={cardDashed}',
  'https://sbermegamarket.ru/catalog/?q=<<smartfon>>&r={phone|enc}',
);
add('ru bank gov',
  'https://online.sberbank.ru/CSAFront/index.do#/?snils={snils}',
  'https://www.tinkoff.ru/payments/card-to-card/?card={card}&amount=<<5000>>',
  'https://esia.gosuslugi.ru/login/?redirect_uri=https%3A%2F%2Fwww.gosuslugi.ru%2F%3Fsnils%3D{snils}&client_id=<<PGU>>',
  'https://www.gosuslugi.ru/600101/1/form?s={snilsFmt|enc}&step=<<2>>',
  'https://www.gosuslugi.ru/help/faq/snils?q={snilsFmt|plus}',
  'https://es.pfrf.ru/znp/?strah={snilsFmt|enc}',
  'https://lk.nalog.ru/lk/?inn={otp}{otp}&tab=<<taxes>>',
  'https://www.vtb.ru/personal/platezhi/?to={cardDotted}&sum=<<1200>>',
  'https://online.alfabank.ru/transfer?phone={phone|enc}&amount=<<700>>',
  'https://esia.gosuslugi.ru/aas/oauth2/ac?code={code}&state={~uuid}',
  'https://www.gosuslugi.ru/pay?uin=<<18810177210123456789>>&payer={snils}',
  'https://lk.mos.ru/profile?snils={snilsFmt|enc}&oms=<<7795230812345678>>',
  'https://www.gosuslugi.ru/document/snils#{snilsFmt|enc}',
  'https://mail.ru/recovery/{token}?email={email|enc}',
);

// ---------- China ----------
add('cn',
  'https://kyfw.12306.cn/otn/passengers/edit?id_no={china}&passenger_name={name|enc}',
  'https://kyfw.12306.cn/otn/leftTicket/init?linktypeid=<<dc>>&fs=<<Beijing,BJP>>&date=<<2024-12-20>>&card={china}',
  'https://order.jd.com/center/list.action?s=<<4096>>&q={china}',
  'https://item.jd.com/<<100012043978>>.html?ref={phone|enc}',
  'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm?order_id=<<3782209876543210123>>&mobile={phone|enc}',
  'https://www.alipay.com/pay/confirm?cert_no={china}&amount=<<88.00>>',
  'https://passport.ctrip.com/user/member/verify?idcard={china}',
  'https://hotels.ctrip.com/hotels/<<345123>>.html?checkin=<<2024-12-20>>&guest={china}',
  'https://www.gov.cn/fuwu/cx?sfzh={china}',
  'https://zwfw.example.gov.cn/apply?step=<<3>>#idno={china}',
  'https://m.weibo.cn/login?redirect=https%3A%2F%2Fm.weibo.cn%2Fprofile%3Fid%3D{china}',
  'https://www.example.cn/search?keyword=<<iphone>>&uid={china}',
  'https://pay.weixin.qq.com/index.php/core/home/login?return_url=%2Fbill%3Fcard%3D{card}',
  'https://my.tmall.com/order/<<2345678901234567>>?from=<<list>>&buyer={email|enc}',
);

// ---------- United States ----------
add('us shop',
  'https://www.amazon.com/gp/your-account/order-details?orderID=<<112-3456789-1234567>>&ref_=<<ppx_yo_dt_b_order_details_o00>>',
  'https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fwww.amazon.com%2F%3Fref_%3D<<nav_signin>>&email={email|enc}',
  'https://www.ebay.com/sch/i.html?_nkw=<<vintage+camera>>&_sacat=<<0>>&contact={email|enc}',
  'https://www.walmart.com/checkout/review-order?cc={cardSpaced|enc}&zip=<<94107>>',
  'https://www.target.com/co-cart?ref={phone|enc}',
  'https://www.bestbuy.com/profile/ss/<<orders>>?lookup={email|enc}&order=<<BBY01-806543210987>>',
  'https://checkout.shopify.com/<<55512345>>/checkouts/{~hex32}?key={hex32}',
  'https://shop.example.com/account/reset/<<7201456>>/{token}',
  'https://www.etsy.com/your/purchases?ref=<<hdr_user_menu-txs>>&buyer={email|enc}',
  'https://www.homedepot.com/order/view/tracking?orderId=<<W123456789>>&email={email|enc}',
  'https://www.costco.com/OrderStatusCmd?phone={phone|enc}&orderId=<<1104567890>>',
  'https://www.newegg.com/p/<<N82E16834156264>>?Item=<<N82E16834156264>>&note={cardDashed|enc}',
);
add('us bank gov',
  'https://secure.chase.com/web/auth/dashboard#/dashboard/overviewAccounts/{jwt}',
  'https://www.bankofamerica.com/login/sign-in/signOnV2Screen.go?returnSiteIndicator=<<GAIMW>>&ssn={ssn}',
  'https://www.paypal.com/myaccount/transfer/homepage/send?recipient={email|enc}&amount=<<25.00>>',
  'https://www.irs.gov/payments/direct-pay?tin={ssn|enc}&year=<<2024>>',
  'https://secure.ssa.gov/RIL/SiView.action?ssnum={ssn}',
  'https://www.healthcare.gov/apply/?member={ssn|enc}&state=<<CA>>',
  'https://www.wellsfargo.com/verify?id={ssn|enc}&step=<<2>>',
  'https://www.capitalone.com/apply/credit-cards/?applicant={ssn|plus}',
  'https://venmo.com/pay?txn=<<pay>>&recipients={phone|enc}&amount=<<12>>',
  'https://www.dmv.ca.gov/portal/appointments/?ref=<<DL>>&q={ssn|enc}',
  'https://www.equifax.com/personal/credit-report?ssn_last={~otp}&full={ssn}',
  'https://www.usbank.com/online-banking/transfer?card={cardDotted}',
  'https://www.zillow.com/homes/<<San-Francisco,-CA_rb>>/?contact={phone|enc}',
);

// ---------- United Kingdom ----------
add('uk',
  'https://www.tax.service.gov.uk/check-income-tax/?nino={nino}&year=<<2024>>',
  'https://www.gov.uk/apply-universal-credit/verify?ref={ninoSpaced|enc}',
  'https://www.tax.service.gov.uk/personal-account/{nino}/details',
  'https://www.gov.uk/check-state-pension?q={ninoSpaced|plus}',
  'https://www.nhs.uk/nhs-app/login?next=%2Fprofile%3Fni%3D{nino}',
  'https://www.barclays.co.uk/payments/new?payee_iban={ibanGB|enc}&ref=<<RENT-NOV>>',
  'https://app.monzo.com/transfer?to={ibanGB|enc}&amount=<<40>>',
  'https://www.hsbc.co.uk/payments/sepa?beneficiary={ibanDE|enc}&ref=<<INV-33021>>',
  'https://www.tesco.com/groceries/en-GB/orders/<<8123456789>>?contact={phone|enc}',
  'https://www.argos.co.uk/order-tracking?orderNumber=<<AR1234567>>&email={email|enc}',
  'https://www.johnlewis.com/my-account/reset-password/{hex40}',
  'https://www.ocado.com/webshop/login?returnUrl=%2Fwebshop%2Faccount%3Fpw%3D{password|enc2}',
  'https://www.royalmail.com/track-your-item#/tracking-results/<<QF123456789GB>>?phone={phone|enc}',
  'https://www.nationwide.co.uk/apply?ni_number={nino}&income=<<32000>>',
  'https://www.dvla.gov.uk/view-driving-licence?licence=<<SMITH710238JJ9AB>>&nino={ninoSpaced|enc}',
  'https://www.revolut.com/app/transfer?iban={ibanEU|enc}&note=<<Dinner>>',
);

// ---------- SSO, OAuth, SAML, CAS ----------
add('sso',
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=<<6731de76-14a6-49ae-97bc-6eba6914391e>>&login_hint={email|enc}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb',
  'https://app.example.com/auth/callback?code={code}&state={~uuid}&session_state={uuid}',
  'https://app.example.com/auth/callback#id_token={jwt}&state={~uuid}',
  'https://app.example.com/cb#access_token={token}&token_type=<<Bearer>>&expires_in=<<3600>>',
  'https://example.okta.com/login/sessionCookieRedirect?token={token}&redirectUrl=https%3A%2F%2Fapp.example.com%2F',
  'https://accounts.google.com/signin/v2/identifier?continue=https%3A%2F%2Fmail.google.com%2Fmail%2F%3Fauthuser%3D{email|enc2}&flowName=<<GlifWebSignIn>>',
  'https://sso.example.com/idp/SSO.saml2?SAMLRequest={saml|enc}&RelayState={jwt}',
  'https://app.example.com/saml/acs?SAMLResponse={saml|enc}',
  'https://cas.cuni.cz/cas/login?service=https%3A%2F%2Fis.cuni.cz%2Fstudium%2F%3Fticket%3D{cas}',
  'https://is.cuni.cz/studium/index.php?ticket={cas}',
  'https://intranet.example.edu/portal/?t={cas}&lang=<<en>>',
  'https://auth0.example.com/authorize?response_type=<<code>>&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&state={jwt}',
  'https://app.example.com/login?next=%2Faccount%2Fsettings%3Ftoken%3D{token}',
  'https://app.example.com/login?returnUrl=%252Faccount%252Freset%253Ftoken%253D{token}',
  'https://app.example.com/login?redirect=https%3A%2F%2Fapp.example.com%2Fsso%3Fnext%3D%252Fprofile%253Fjwt%253D{jwt}',
  'https://keycloak.example.com/realms/<<main>>/login-actions/action-token?key={jwt}&client_id=<<account>>',
  'https://app.example.com/oauth/callback?code={code}&state=<<login>>',
  'https://id.example.com/magic-link/{token}',
  'https://app.example.com/auth/magic?token={token}&redirect=%2Fdashboard',
  'https://app.example.com/invite/accept/{hex32}?team=<<design>>',
  'https://api.example.com/v1/export?api_key={token}&format=<<csv>>',
  'https://user:{password|enc}@intranet.example.com/reports/<<2024>>',
  'https://app.example.com/redirect?to=https%3A%2F%2Fadmin%3A{password|enc2}%40ftp.example.com%2F',
  'https://app.example.com/basic?auth={basic|enc}',
  'https://app.example.com/connect?credentials={basic|enc}&mode=<<sync>>',
  'https://app.example.com/api/feed?pw={password|enc}&user=<<demo>>',
  'https://app.example.com/api/feed?pwd={password|enc}',
  'https://app.example.com/api/feed?passwd={password|enc}',
  'https://app.example.com/download?jwt={jwt}',
  'https://app.example.com/share/{jwt}',
  'https://app.example.com/#/embed?t={jwt}&theme=<<dark>>',
  'https://app.example.com/continue?continue=https%3A%2F%2Fapp.example.com%2Fverify%3Fe%3D{email|enc2}%26code%3D{otp}',
);

// ---------- Password resets and verification links (frameworks' real shapes) ----------
add('resets',
  'https://shop.example.com/users/password/edit?reset_password_token={token}',
  'https://blog.example.com/wp-login.php?action=<<rp>>&key={token}&login={email|enc}',
  'https://app.example.com/reset/MjM/{token}/',
  'https://app.example.com/password/reset/{hex40}?email={email|enc}',
  'https://app.example.com/email/verify/<<42>>/{hex40}?expires=<<1764790000>>&signature={hex40}',
  'https://shop.example.com/account/reset/<<6123987>>/{hex32}',
  'https://app.example.com/verify-email?token={jwt}',
  'https://app.example.com/confirm/{uuid}',
  'https://app.example.com/unsubscribe/{hex32}?list=<<weekly>>',
  'https://app.example.com/account/activate/{token}',
  'https://www.example.cz/obnova-hesla/{token}',
  'https://www.example.ru/vosstanovlenie-parolya/{token}',
  'https://app.example.com/set-password?otp={otp}&user={email|enc}',
  'https://app.example.com/login/{token}?utm_medium=<<email>>',
);

// ---------- E-mail service links ----------
add('esp',
  'https://example.us14.list-manage.com/track/click?u=<<1c5a2d3b4e5f60718293a4b5c>>&id=<<8f9e0d1c2b>>&e={~hex32}&em={email|enc}',
  'https://u1234567.ct.sendgrid.net/ls/click?upn={~token}&r={email|enc}',
  'https://t.hubspotemail.net/e2t/tc/<<VWjx1m5Kq8>>?_hsenc=<<p2ANqtz-8abc>>&email={email|enc}',
  'https://trk.klclick.com/ls/click?upn={~token}&next=https%3A%2F%2Fshop.example.com%2Fcart%3Fphone%3D{phone|enc2}',
  'https://click.e.example.com/?qs={~hex40}&email={email|enc}',
  'https://links.iterable.com/e/evib?_t={~hex32}&_m=<<abc>>&_e={email|enc}',
  'https://shop.example.com/?utm_source=<<klaviyo>>&utm_medium=<<email>>&_kx={~token}&email={email|enc}',
  'https://app.example.com/welcome?e={email|enc}&plan=<<pro>>',
  'https://news.example.com/preferences/{email|enc}?list=<<daily>>',
  'https://www.example.com/track?r=https%3A%2F%2Fwww.example.com%2Fo%2F<<3345>>%3Fcontact%3D{phone|enc2}',
);

// ---------- Values where nobody expected them (unnamed parameters, paths, hashes) ----------
add('unnamed',
  ...N(6, () => pick(['https://shop.example.com/s?q={email|enc}', 'https://shop.example.com/search?term={phone|enc}', 'https://app.example.com/u/{email|enc}/orders', 'https://forum.example.com/t/<<123>>#reply-{email|enc}'])),
  ...N(8, () => pick(['https://shop.example.com/checkout?note={card}', 'https://shop.example.com/checkout?note={cardSpaced|enc}', 'https://shop.example.com/checkout?x={cardDashed}', 'https://shop.example.com/pay#{cardDotted}', 'https://support.example.com/ticket/new?msg=My+card+{cardSpaced|plus}+was+charged+twice'])),
  ...N(8, () => pick(['https://example.cz/formular?data={rcSlash|enc}', 'https://example.cz/p/{rc}', 'https://example.cz/hledat?q={rcSlash|plus}', 'https://example.cz/#/klient/{rc}'])),
  ...N(6, () => pick(['https://example.ru/form?v={snils}', 'https://example.ru/form?v={snilsFmt|enc}', 'https://example.ru/poisk?q={snilsFmt|plus}'])),
  ...N(6, () => pick(['https://example.cn/s?wd={china}', 'https://example.cn/u/{china}/info', 'https://example.cn/#/verify?v={china}'])),
  ...N(6, () => pick(['https://example.com/form?v={ssn}', 'https://example.com/form?v={ssn|enc}', 'https://support.example.com/chat?msg=my+ssn+is+{ssn|plus}'])),
  ...N(6, () => pick(['https://example.co.uk/form?ref={nino}', 'https://example.co.uk/form?ref={ninoSpaced|enc}', 'https://example.co.uk/p/{nino}'])),
  ...N(8, () => pick(['https://example.com/pay?to={ibanDE|enc}', 'https://example.com/pay?to={ibanGB}', 'https://example.cz/pay?to={ibanCZs|plus}', 'https://example.sk/pay#to={ibanSK|enc}', 'https://example.com/pay/{ibanEU|enc}'])),
  ...N(6, () => pick(['https://example.com/doc?x={jwt}', 'https://example.com/p/{jwt}/view', 'https://example.com/#{jwt}'])),
);

// ---------- Harmless: utm parameters, search words, order ids, SKUs, dates, prices ----------
const harmless = [
  'https://www.alza.cz/?utm_source=<<seznam>>&utm_medium=<<cpc>>&utm_campaign=<<black_friday_2024>>&gclid=<<Cj0KCQiA4L67BhDUARIsADWrl7Hk>>',
  'https://www.alza.cz/notebooky/<<18842920>>.htm?page=<<2>>&sort=<<price>>',
  'https://www.alza.cz/lenovo-thinkpad-x1-carbon-<<d7654321>>.htm',
  'https://www.mall.cz/hledat?s=<<pracka+bosch+8kg>>&cena_od=<<5000>>&cena_do=<<15000>>',
  'https://www.rohlik.cz/c<<300105000>>-ovoce-a-zelenina',
  'https://www.czc.cz/<<358412>>/produkt?utm_source=<<heureka>>',
  'https://www.heureka.cz/?h%5Bfraze%5D=<<sluchatka+sony+wh-1000xm5>>',
  'https://eshop.example.cz/objednavka/<<2411030123>>/stav?krok=<<doruceni>>',
  'https://eshop.example.cz/faktura/<<FA-2024-000123>>.pdf',
  'https://eshop.example.cz/objednavka/potvrzeni?cislo=<<ORD-2024-000123456>>',
  'https://www.ozon.ru/product/<<smartfon-samsung-galaxy-a55-1234567890>>/?sh=<<xYz12>>',
  'https://www.ozon.ru/search/?text=<<наушники>>&from_global=<<true>>',
  'https://www.wildberries.ru/catalog/<<182345671>>/detail.aspx?targetUrl=<<GP>>',
  'https://market.yandex.ru/product--<<smartfon>>/<<1779512345>>?sku=<<102345678901>>',
  'https://www.avito.ru/moskva/avtomobili/<<toyota_camry_2019_3512345678>>',
  'https://item.jd.com/<<100045618274>>.html',
  'https://search.jd.com/Search?keyword=<<%E6%89%8B%E6%9C%BA>>&enc=<<utf-8>>&page=<<3>>',
  'https://detail.tmall.com/item.htm?id=<<675432109876>>&skuId=<<4998765432101>>',
  'https://www.amazon.com/dp/<<B0BSHF7WHW>>?th=<<1>>&psc=<<1>>',
  'https://www.amazon.com/s?k=<<usb+c+cable+6ft>>&crid=<<2M096C61O4MLT>>&sprefix=<<usb+c%2Caps%2C180>>',
  'https://www.ebay.com/itm/<<285123456789>>?hash=<<item426a1b2c3d>>',
  'https://www.walmart.com/ip/<<Apple-AirPods-Pro>>/<<1752657021>>',
  'https://www.target.com/p/<<lego-star-wars>>/-/A-<<87654321>>',
  'https://www.bestbuy.com/site/<<sony-65-class>>/<<6522370>>.p?skuId=<<6522370>>',
  'https://www.tesco.com/groceries/en-GB/products/<<254656543>>',
  'https://www.argos.co.uk/product/<<8349024>>?clickSR=<<slp:term:tv:1:20:1>>',
  'https://www.gov.uk/government/publications/<<vat-rates-2024>>',
  'https://www.gov.uk/check-mot-history?registration=<<AB12CDE>>',
  'https://www.royalmail.com/track-your-item#/tracking-results/<<QF123456789GB>>',
  'https://www.booking.com/hotel/cz/<<grand-prague>>.html?checkin=<<2024-12-20>>&checkout=<<2024-12-23>>&group_adults=<<2>>',
  'https://www.kiwi.com/cz/search/results/<<praha-ceska-republika>>/<<londyn-velka-britanie>>/<<2024-12-20>>',
  'https://www.idos.cz/vlakyautobusy/spojeni/vysledky/?date=<<03.12.2024>>&time=<<10:20>>&f=<<Praha>>&t=<<Brno>>',
  'https://www.cd.cz/jizdenky/?rezervace=<<123456789>>',
  'https://shop.example.com/cart?add=<<SKU-4400-BLK-XL>>&qty=<<2>>&price=<<129.50>>',
  'https://shop.example.com/p/<<trail-runner-2024>>?size=<<44.5>>&color=<<navy>>',
  'https://shop.example.com/orders/<<12345678>>/invoice?date=<<2024-11-03>>',
  'https://shop.example.com/track?order=<<1104567890123>>&carrier=<<ups>>',
  'https://shop.example.com/track?shipment=<<1Z999AA10123456784>>',
  'https://shop.example.com/s?q=<<samsung+galaxy+s24+ultra+512gb>>&price=<<1+299%2C00>>',
  'https://shop.example.com/p/<<ST-4400-BLK>>',
  'https://shop.example.com/a/<<ab123456>>/b',
  'https://shop.example.com/list?ids=<<101,102,103,104,105,106>>',
  'https://shop.example.com/?v=<<1.2.3>>&build=<<20241103.4>>&ts=<<1733212345>>',
  'https://shop.example.com/?_=<<1733212345678>>',
  'https://shop.example.com/blog/<<2024>>/<<11>>/<<03>>/<<black-friday-deals>>',
  'https://shop.example.com/stores?lat=<<50.0755>>&lng=<<14.4378>>&radius=<<25>>',
  'https://shop.example.com/help/<<article-360012345678>>',
  'https://shop.example.com/compare?a=<<100234567>>&b=<<100234568>>',
  'https://shop.example.com/gift-cards?amount=<<1000>>&design=<<xmas-2024>>',
  'https://shop.example.com/coupon?code_type=<<percent>>&session_count=<<3>>&card_type=<<visa>>',
  'https://shop.example.com/s?keyword=<<password+manager>>&passenger=<<2>>',
  'https://shop.example.com/checkout/shipping?country=<<CZ>>&zip=<<11000>>',
  'https://app.example.com/dashboard?tab=<<billing>>&period=<<2024-Q4>>',
  'https://app.example.com/projects/<<8f14e45f>>/settings',
  'https://app.example.com/orders/<<3f2a9c1e-7b4d-4e8a-9c1f-2d3e4f5a6b7c>>',
  'https://app.example.com/reports?from=<<2024-01-01>>&to=<<2024-12-31>>&granularity=<<month>>',
  'https://docs.example.com/api/v2/<<webhooks>>#<<retry-policy>>',
  'https://docs.example.com/guide#<<section-2.3>>',
  'https://www.youtube.com/watch?v=<<dQw4w9WgXcQ>>&t=<<42s>>',
  'https://news.example.com/article/<<2024-12-03-market-update-12345>>',
  'https://www.seznam.cz/?utm_source=<<newsletter>>&utm_medium=<<email>>&utm_content=<<banner_2>>',
  'https://www.example.cz/kontakt?pobocka=<<Praha+4>>&otevreno=<<8:00-17:00>>',
  'https://www.example.ru/catalog/?brand=<<Samsung>>&price_from=<<10000>>&price_to=<<50000>>',
  'https://www.example.cn/search?q=<<%E8%BF%9E%E8%A1%A3%E8%A3%99>>&page=<<2>>',
  'https://www.example.co.uk/offers?postcode_area=<<SW1A>>&radius=<<10>>',
  'https://www.example.com/order-status?id=<<20241103123456>>',
  'https://www.example.com/order-status?id=<<987654321>>',
  'https://www.example.com/invoice/<<INV-2024-11-000042>>',
  'https://www.example.com/returns?rma=<<RMA-550-1234-7788>>',
  'https://www.example.com/p/<<65-inch-4k-tv>>?price=<<899.99>>&was=<<1199.99>>',
  'https://www.example.com/search?q=<<how+to+reset+password>>',
  'https://www.example.com/verify?step=<<2>>&method=<<sms>>',
  'https://www.example.com/reset/<<success>>',
  'https://www.example.com/login?next=%2F<<account>>%2F<<orders>>',
  'https://www.example.com/login?redirect=https%3A%2F%2Fwww.example.com%2F<<cart>>',
  'https://www.example.com/confirm/<<order-summary>>',
  'https://www.example.com/author/<<jan-novak-journalist>>/posts',
  'https://www.example.com/events?date=<<2024-12-24>>&time=<<18:30>>',
  'https://www.example.com/support/case/<<00123456>>',
  'https://www.example.com/catalog?page=<<12>>&per_page=<<48>>&sort=<<newest>>',
  'https://www.example.com/t/<<tracking>>?fbclid=<<IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB_qa2ofrHyiLjcbCRxTDMEY>>',
  'https://www.example.com/?msclkid=<<9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e>>&utm_source=<<bing>>',
  'https://www.example.com/product?model=<<XR-2000>>&serial_format=<<long>>',
  'https://www.example.com/flights?from=<<PRG>>&to=<<LHR>>&depart=<<20241220>>&return=<<20241227>>',
  'https://www.example.com/rooms?adults=<<2>>&children=<<1>>&nights=<<3>>',
  'https://www.example.com/hr/jobs/<<req-2024-0456>>',
  'https://www.example.com/cz/cs/vyrobky/<<pracky>>/<<wm14n2e0cs>>',
  'https://www.example.com/ru/products/<<holodilnik-lg-ga-b509>>',
  'https://www.example.com/isbn/<<978-80-7407-512-4>>',
  'https://www.example.com/ean/<<8594001021405>>',
  'https://www.example.com/packages/<<CZ1234567890>>',
  'https://www.example.com/map#<<14/50.0755/14.4378>>',
  'https://www.example.com/weather?city=<<Brno>>&days=<<7>>',
  'https://www.example.com/calc?loan=<<250000>>&months=<<60>>&rate=<<5.9>>',
  'https://www.example.cz/archiv/<<2024/1103>>',
  'https://www.example.cz/jizdni-rad?linka=<<136>>&spoj=<<1234567/0800>>',
  'https://www.example.com/s?q=<<ST-100>>+<<adapter>>',
  'https://www.example.com/p/<<eyeglasses-frame-42>>',
  'https://www.example.com/tickets?event=<<PT-2024-0042>>&row=<<12>>',
];
add('harmless', ...harmless);

function fill(template) {
  const secrets = [];
  const neutral = [];
  const keep = [];
  const url = template
    .replace(/\{(~?)(\w+)(?:\|(\w+))?\}/g, (_, isNeutral, kind, how) => {
      const v = KINDS[kind]();
      (isNeutral ? neutral : secrets).push(v);
      if (how === 'enc') return encodeURIComponent(v);
      if (how === 'enc2') return encodeURIComponent(encodeURIComponent(v));
      if (how === 'plus') return encodeURIComponent(v).replace(/%20/g, '+');
      return v.replace(/ /g, '%20');
    })
    .replace(/<<(.*?)>>/g, (_, k) => (keep.push(k), k));
  return { url, secrets, neutral, keep };
}

const corpus = T.map(([group, t]) => ({ group, ...fill(t) }));
writeFileSync(new URL('./corpus.json', import.meta.url), JSON.stringify(corpus, null, 1) + '\n');
const harmlessCount = corpus.filter((c) => !c.secrets.length && !c.neutral.length).length;
console.log(`corpus: ${corpus.length} URLs (${corpus.filter((c) => c.secrets.length).length} with personal values or secrets, ${harmlessCount} harmless)`);

// jsQR (the QR reader for browsers without BarcodeDetector, src/ui/panel/scan/decode.ts) carries the
// whole Shift_JIS -> Unicode table (about 7,000 entries, 100 KB of its 130 KB minified) to decode
// Kanji-mode QR codes. Every browser already has that table: TextDecoder('shift_jis') (the Encoding
// Standard). This rollup plugin replaces jsQR's literal table with a lookup through TextDecoder, the
// same numbers for every key (tests/unit/jsqr-shift-jis.test.ts compares all of them): the scan chunk
// goes from 46.5 KB to 10.4 KB gzip, and `npm install baton-sdk` carries 2 x 100 KB less.
/** Where the table starts in jsQR's dist/jsQR.js (webpack module 8); the build fails if it moves. */
const TABLE_START = 'exports.shiftJISTable = {';

/**
 * The replacement: `shiftJISTable[c]` is the UTF-16 code unit of the 2-byte Shift_JIS code `c`,
 * or undefined where jsQR's table has no entry (it then appended "\u0000"; the decoder's
 * U+FFFD replacement character is as clear a sign of an unreadable code). Seven codes decode to
 * fullwidth forms in the Encoding Standard (Microsoft's mapping) where jsQR's JIS X 0208 table has
 * the plain ones (a backslash, a wave dash, ...): those seven are kept as jsQR had them.
 */
export const SHIFT_JIS_LOOKUP = `exports.shiftJISTable = new Proxy({ 33119: 92, 33120: 12316, 33121: 8214, 33148: 8722, 33169: 162, 33170: 163, 33226: 172 }, { get: function (jis, key) {
  var c = Number(key);
  if (jis[c]) return jis[c];
  if (!(c >= 0x8140 && c <= 0xEBBF)) return undefined;
  return new TextDecoder('shift_jis').decode(new Uint8Array([c >> 8, c & 255])).charCodeAt(0);
} });`;

/** Returns jsQR's source with its table replaced; throws when the table is not where it was. */
export function replaceShiftJisTable(code) {
  const start = code.indexOf(TABLE_START);
  const end = start < 0 ? -1 : code.indexOf('\n};', start);
  if (start < 0 || end < 0) throw new Error('jsqrShiftJis: jsQR\'s shiftJISTable was not found: check the jsqr version');
  return code.slice(0, start) + SHIFT_JIS_LOOKUP + code.slice(end + 3);
}

/** The rollup plugin, for every build that bundles jsqr. */
export const jsqrShiftJis = () => ({
  name: 'jsqr-shift-jis',
  transform(code, id) {
    return /\/node_modules\/jsqr\/dist\/jsQR\.js$/.test(id) ? { code: replaceShiftJisTable(code), map: null } : null;
  },
});

/**
 * A code the visitor scanned with the panel's "Scan a code" (issue 19): sent as data beside the
 * message's text, so the agent sees what kind of code it was and its exact value, not only words.
 * `format` uses the Barcode Detection API's names (what the browser's BarcodeDetector reports; the
 * widget's own QR decoder reports `qr_code`). The message's `text` carries the same value, so a
 * client that does not know `code` still shows it.
 */
export const CODE_FORMATS = [
  'qr_code',
  'ean_13',
  'ean_8',
  'upc_a',
  'upc_e',
  'code_128',
  'code_39',
  'code_93',
  'codabar',
  'itf',
  'data_matrix',
  'aztec',
  'pdf417',
] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];

/**
 * A scanned value: at most 1,024 characters (a product's EAN is 13 digits, a serial number a few
 * dozen, a URL in a QR code a few hundred; a QR code can hold ~3 KB, which nobody needs to send).
 */
export const CODE_VALUE_MAX_CHARS = 1024;

export interface ScannedCode {
  format: CodeFormat;
  value: string;
}

/** How the console and the panel name a format: "EAN-13", "QR code". */
export function codeFormatName(format: CodeFormat): string {
  switch (format) {
    case 'qr_code':
      return 'QR code';
    case 'data_matrix':
      return 'Data Matrix';
    case 'aztec':
      return 'Aztec';
    case 'pdf417':
      return 'PDF417';
    case 'codabar':
      return 'Codabar';
    case 'itf':
      return 'ITF';
    default:
      return format.toUpperCase().replace('_', '-');
  }
}

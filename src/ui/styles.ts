/**
 * Adds a stylesheet to a shadow root (or document) without inline styles: a constructable
 * stylesheet when the browser has them, else one `<style>` element carrying the CSP nonce.
 */
export function addStyles(root: ShadowRoot | Document, css: string, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = css;
    ('head' in root ? root.head : root).append(style);
  }
}

/**
 * A code the visitor scanned (issue 19), shown in the thread as data: what kind of code it was
 * (EAN-13, QR code…) and its exact value, in a fixed-width face and selectable whole (a serial
 * number copied with one gesture), with links in it (a QR code's URL) as the rest of the thread has them.
 */
import type { JSX } from 'preact';
import { codeFormatName, type ScannedCode } from '../../protocol/scan';
import { MessageText } from '../../view/MessageText';
import { text } from '../strings';

export function ScannedCodeCard({ code }: { code: ScannedCode }): JSX.Element {
  return (
    <div class="scanned" data-testid="scanned-code" data-format={code.format}>
      <span class="scanned-kind">
        {text.scannedCode} · <strong data-testid="scanned-format">{codeFormatName(code.format)}</strong>
      </span>
      <code class="scanned-value" data-testid="scanned-value" dir="ltr">
        <MessageText text={code.value} />
      </code>
    </div>
  );
}

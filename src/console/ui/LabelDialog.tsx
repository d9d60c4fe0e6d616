/**
 * "Make a QR label" (issue 19; admins only, the server checks too): a signed entry link for a page of
 * the site and its QR code, made by Baton's server (it holds the secret; the console never does).
 * The code shows as an image (a data: URL, which the console's CSP allows for images; never as
 * markup in the page) with a download and the link it encodes.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ENTRY_KINDS, ENTRY_LABEL_MAX, ENTRY_FIELD_VALUE_MAX, type EntryKind } from '../../protocol/entry';
import { ENTRY_LABEL_DAYS_MAX, HTTP_AGENT_ENTRY_LABEL_PATH, type EntryLabelRequest, type EntryLabelResponse } from '../../protocol/entryLabel';
import { dateOnly, text } from '../strings';

async function make(body: EntryLabelRequest): Promise<{ ok: true; label: EntryLabelResponse } | { ok: false; message: string }> {
  try {
    const res = await fetch(HTTP_AGENT_ENTRY_LABEL_PATH, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) });
    const json = (await res.json().catch(() => null)) as (EntryLabelResponse & { error?: { message?: string } }) | null;
    if (res.ok && json && typeof json.svg === 'string') return { ok: true, label: json };
    return { ok: false, message: json?.error?.message ?? text.labelFailed };
  } catch {
    return { ok: false, message: text.labelFailed };
  }
}

export function LabelDialog({ onClose }: { onClose(): void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState({ url: `${location.origin}/`, kind: 'product' as EntryKind, label: '', name: 'sku', value: '', days: '' });
  const [made, setMade] = useState<{ label: EntryLabelResponse; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && typeof d.showModal === 'function' && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, []);

  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const body: EntryLabelRequest = { url: form.url.trim(), kind: form.kind };
    if (form.label.trim()) body.label = form.label.trim();
    if (form.name.trim() && form.value.trim()) body.fields = { [form.name.trim()]: form.value.trim() };
    if (form.days.trim()) body.expiresInDays = Number(form.days);
    const r = await make(body);
    setBusy(false);
    if (r.ok) setMade({ label: r.label, title: body.label ?? form.value.trim() });
    else {
      setMade(null);
      setError(r.message);
    }
  };
  const src = made ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(made.label.svg)}` : '';

  return (
    <dialog
      ref={ref}
      class="modal wide"
      aria-labelledby="label-title"
      data-testid="label-dialog"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div class="modal-body">
        <div class="modal-head">
          <h2 id="label-title">{text.labelTitle}</h2>
          <button type="button" class="btn" onClick={onClose}>
            {text.photoClose}
          </button>
        </div>
        <p>{text.labelIntro}</p>
        <div role="alert">{error ? <p class="form-error" data-testid="label-error">{error}</p> : null}</div>
        <div class="label-maker">
          <form class="label-form" data-testid="label-form" onSubmit={(e) => void submit(e)}>
            <div class="field">
              <label for="label-url">{text.labelPage}</label>
              <input id="label-url" class="input" type="url" required data-testid="label-url" value={form.url} onInput={(e) => set({ url: e.currentTarget.value })} />
            </div>
            <div class="field">
              <label for="label-kind">{text.labelKind}</label>
              <select id="label-kind" class="input" data-testid="label-kind" value={form.kind} onChange={(e) => set({ kind: e.currentTarget.value as EntryKind })}>
                {ENTRY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {text.labelKinds[k]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="label-text">{text.labelText}</label>
              <input id="label-text" class="input" data-testid="label-text" maxLength={ENTRY_LABEL_MAX} value={form.label} onInput={(e) => set({ label: e.currentTarget.value })} />
            </div>
            <div class="label-pair">
              <div class="field">
                <label for="label-field">{text.labelFieldName}</label>
                <input id="label-field" class="input" data-testid="label-field" maxLength={32} pattern="[A-Za-z0-9_.\-]{1,32}" value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
              </div>
              <div class="field">
                <label for="label-value">{text.labelFieldValue}</label>
                <input id="label-value" class="input" data-testid="label-value" maxLength={ENTRY_FIELD_VALUE_MAX} value={form.value} onInput={(e) => set({ value: e.currentTarget.value })} />
              </div>
            </div>
            <div class="field">
              <label for="label-days">{text.labelDays}</label>
              <input id="label-days" class="input" type="number" min={1} max={ENTRY_LABEL_DAYS_MAX} step={1} data-testid="label-days" value={form.days} onInput={(e) => set({ days: e.currentTarget.value })} />
            </div>
            <div class="actions">
              <button type="submit" class="btn primary" data-testid="label-make" disabled={busy}>
                {text.labelMake}
              </button>
            </div>
          </form>
          {made ? (
            <figure class="label-result" data-testid="label-result">
              <img src={src} width={240} height={240} alt={text.labelCode(made.title)} data-testid="label-qr" />
              <figcaption>
                <strong>{made.title}</strong>
                {made.label.expiresAt ? <span>{text.labelExpires(dateOnly(made.label.expiresAt))}</span> : null}
                <span class="label-link-h">{text.labelLink}</span>
                <code class="label-link" data-testid="label-link">
                  {made.label.url}
                </code>
                <a class="btn small" href={src} download={`qr-${made.title.replace(/[^\w.-]+/g, '-').slice(0, 40) || 'label'}.svg`}>
                  {text.labelDownload}
                </a>
              </figcaption>
            </figure>
          ) : null}
        </div>
      </div>
    </dialog>
  );
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatonApi } from '../../src/api/createBaton';
import type { Baton } from '../../src/api/types';
import { memoryStore } from '../../src/storage/memoryStore';

const apis: Baton[] = [];
function make(ui?: Parameters<typeof createBatonApi>[0]['ui']) {
  const r = createBatonApi({ store: () => memoryStore(), ui });
  apis.push(r.api);
  return r;
}
afterEach(() => {
  apis.splice(0).forEach((a) => a.shutdown());
  vi.restoreAllMocks();
});

describe('the public API', () => {
  it('buffers calls made before boot and replays them in the documented order', async () => {
    const { api } = make();
    const seen: string[] = [];
    api.open();
    api.context({ cartValue: 42 });
    api.identify({ id: 'u1', name: 'Ada' });
    api.on('open', () => void api.getContext().then((s) => seen.push(`open with ${s.identity?.name} and cart ${s.custom.cartValue}`)));
    api.boot({});
    await vi.waitFor(() => expect(seen).toEqual(['open with Ada and cart 42']));
  });

  it('on() returns an unsubscribe function', () => {
    const { api } = make();
    api.boot({});
    const fn = vi.fn();
    const off = api.on('close', fn);
    api.open();
    api.close();
    off();
    api.open();
    api.close();
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("a site's listener that throws never breaks Baton or the other listeners", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.boot({});
    const after = vi.fn();
    const errors = vi.fn();
    api.on('error', errors);
    api.on('open', () => {
      throw new Error('site bug');
    });
    api.on('open', after);
    expect(() => api.open()).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith({ code: 'listener_failed', message: expect.stringContaining('site bug') });
    // Still fully working afterwards.
    api.context({ plan: 'pro' });
    expect((await api.getContext()).custom).toEqual({ plan: 'pro' });
  });

  it("'ready' fires once Baton is ready, and also for listeners added later", async () => {
    const { api } = make();
    const early = vi.fn();
    api.on('ready', early);
    api.boot({});
    await vi.waitFor(() => expect(early).toHaveBeenCalledTimes(1));
    const late = vi.fn();
    api.on('ready', late);
    await vi.waitFor(() => expect(late).toHaveBeenCalledTimes(1));
    expect(early).toHaveBeenCalledTimes(1);
  });

  it('booting twice with the same options is harmless and silent; other options are refused with a message', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api } = make();
    api.boot({ locale: 'fr' });
    api.boot({ locale: 'fr' });
    expect(warn).not.toHaveBeenCalled();
    api.boot({ locale: 'en' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('shutdown() first'));
  });

  it('rejects unknown commands, bad events and bad consent values with clear errors, without throwing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api, call } = make();
    api.boot({});
    expect(() => call('explode', [])).not.toThrow();
    api.on('nope' as 'open', () => {});
    api.consent('yes' as 'granted');
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[Baton] unknown command "explode"',
      '[Baton] on() takes one of ready,open,close,context,consent,error and a function',
      `[Baton] consent() takes 'granted' or 'denied', not "yes"`,
    ]);
  });

  it("emits 'context' with the new snapshot after changes, and 'consent' when it changes", async () => {
    const { api } = make();
    api.boot({ consent: 'required' });
    const contexts: unknown[] = [];
    const consents: string[] = [];
    api.on('context', (s) => contexts.push(s.custom));
    api.on('consent', (c) => consents.push(c));
    api.context({ plan: 'pro' });
    await vi.waitFor(() => expect(contexts).toEqual([{ plan: 'pro' }]));
    api.consent('granted');
    api.consent('granted');
    expect(consents).toEqual(['granted']);
    expect((await api.getContext()).consent).toBe('granted');
  });

  it('drives the UI it was given, and headless open()/close() only emit events', () => {
    const ui = { open: vi.fn(), close: vi.fn(), destroy: vi.fn() };
    const withUi = make(() => ui).api;
    withUi.boot({});
    withUi.open();
    expect(ui.open).toHaveBeenCalled();
    withUi.shutdown();
    expect(ui.destroy).toHaveBeenCalled();

    const headless = make().api;
    headless.boot({});
    const opened = vi.fn();
    headless.on('open', opened);
    headless.open();
    headless.open();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('getContext() before boot explains what to do', async () => {
    await expect(make().api.getContext()).rejects.toThrow(/boot\(\) first/);
  });
});

import type { ChatDeps, StartedChat } from '../core/chat/chat';
import { STORED_VISITOR_KEY, type StoredVisitor } from '../core/chat/transport';
import type { CallSession } from '../core/call/session';
import { chooseTransport, type BatonTransport } from '../core/transports';
import { ContextEngine, type ContextEngineDeps } from '../core/context/engine';
import type { ContextSnapshot } from '../protocol/context';
import { createEmitter, notify } from '../core/events';
import type { KeyValueStore } from '../core/ports';
import type { BatonSession } from '../core/session';
import type { HandoffArrival } from '../core/handoff';
import { browserLifecycle } from '../platform/lifecycle';
import { browserNavigation } from '../platform/navigation';
import { browserPage } from '../platform/page';
import { browserSignals } from '../platform/signals';
import { whenIdle as idle } from '../platform/idle';
import { BRIDGE_EVENTS } from '../platform/bridgeEvents';
import { orderQueue, type QueuedCall } from './queue';
import type { Baton, BatonError, BatonEventName, BatonEvents, BatonOptions, Listener } from './types';

/** What an entry plugs in (src/compose/entry.ts): storage, and optionally a UI and the transports it registers. */
export interface BatonParts {
  store: (onFallback: (reason: string) => void) => KeyValueStore;
  ui?: ((session: BatonSession) => { open(): void; close(): void; destroy(): void }) | undefined;
  /** The default of the `server` option. */
  server?: string;
  /** The transports the boot option `transport` picks from by name; the first is the default. */
  transports?: readonly BatonTransport[];
  /**
   * The page's sources for the context engine, when the entry listened before the API loaded (the
   * script-tag build: src/platform/earlyCapture.ts); default: the browser's, from now on.
   */
  sources?: Pick<ContextEngineDeps, 'navigation' | 'signals' | 'page' | 'now'>;
}

const EVENTS: readonly BatonEventName[] = ['ready', 'open', 'close', 'context', 'consent', 'error', 'message', 'unread', 'call'];

/**
 * A boot: what the API keeps for it, and what it passes to the lazy chunks, each seeing only its
 * deps (ChatDeps, CallDeps, PhoneLineDeps). The chunks never write to it; they return what they
 * started, which the API keeps here.
 */
interface Booted {
  options: BatonOptions;
  engine: ContextEngine;
  store: KeyValueStore;
  baton: BatonSession;
  /** The transport the options chose among the entry's (or passed in); none fits: the chat says why. */
  transport: BatonTransport | undefined;
  /** Baton's server: the `server` option, else the entry's default; no trailing slash. */
  server: string;
  emit: ChatDeps['emit'];
  ring(): void;
  context(): Promise<ContextSnapshot>;
  startChat(): Promise<StartedChat>;
  ui: { open(): void; close(): void; destroy(): void } | null;
  stopChange: () => void;
  /** The chat, started once (again after a failed start: a chunk that did not load, say). */
  started: Promise<StartedChat> | null;
  call: Promise<CallSession> | null;
  /** Disconnects a native app's web view bridge (../platform/bridge.ts). */
  stopBridge?: () => void;
  /** This page was opened from a "Continue on your phone" link: its redemption (the handoff chunk). */
  arrival?: Promise<HandoffArrival> | undefined;
}

const noop = () => undefined;

/**
 * The public facade behind both doors (`Baton('method', ...)` and `createBaton()`). Until `boot`,
 * calls are buffered and replayed in the order documented in ./queue.ts. Listener errors and bad
 * arguments never throw into the site: they are reported on the 'error' event and the console.
 */
export function createBatonApi(parts: BatonParts): {
  api: Baton;
  call: (method: string, args: unknown[]) => unknown;
  fail: (code: BatonError['code'], message: string) => void;
  /** The booted session (what Baton's UI renders), for an entry's own door: `baton-sdk/headless`'s chat(). */
  session: () => BatonSession | undefined;
} {
  /** A site's listener threw: reported on 'error' (unless it was an 'error' listener: no loop). */
  const listenerFailed = (event: BatonEventName, error: unknown) => {
    if (event !== 'error') fail('listener_failed', `a listener for "${event}" threw: ${String((error as Error)?.message ?? error)}`);
  };
  const emitter = createEmitter<BatonEvents>(listenerFailed);
  let booted: Booted | null = null;
  let buffered: QueuedCall[] = [];
  let ready = false;
  /** The snapshot builder and the device reader, chunks imported on first need (never with the page). */
  let builder: Promise<[typeof import('../core/context/snapshot'), typeof import('../platform/device')]> | null = null;
  const snapshotOf = (b: Booted): Promise<ContextSnapshot> =>
    (builder ||= Promise.all([import('../core/context/snapshot'), import('../platform/device')])).then(([m, device]) => {
      // identify()/context() arguments are validated here, in the lazy chunk: refusals reported now.
      for (const message of m.settle(b.engine)) fail('invalid_argument', message);
      return m.buildSnapshot(b.engine.raw(), device.readDevice(b.options.webView));
    });
  let open = false;
  let bootOptionsJson = '';

  function fail(code: BatonError['code'], message: string): void {
    console.warn(`[Baton] ${message}`);
    emitter.emit('error', { code, message });
  }

  function setOpen(next: boolean): void {
    if (next === open) return;
    open = next;
    emitter.emit(next ? 'open' : 'close', undefined);
  }

  function session(b: Booted): BatonSession {
    return {
      options: b.options,
      getContext: () => snapshotOf(b),
      onChange: (fn) => b.engine.onChange(fn),
      // The api's methods do not use `this`.
      on: api.on,
      setOpen,
      isOpen: () => open,
      consent: api.consent,
      shareLocation: () => b.engine.shareLocation(),
      reportError: (e) => fail(e.code, e.message),
      chat: () => b.startChat().then((c) => c.session),
      // The call chunk and the page's microphone (src/platform/microphone.ts), once per boot.
      call: () => (b.call ||= Promise.all([import('../core/call/call'), import('../platform/microphone')]).then(([m, mic]) => m.createCalls(b, mic.browserMicrophone))),
      startCall() {
        // In the click, before any await: browsers tie the microphone prompt to the gesture. Only
        // where a call can happen (WebRTC, a transport with calls); the call gets the pending stream.
        // Inline, not the platform's microphone: nothing of calling is in the page-load bundle.
        const mic = b.transport?.call && window.RTCPeerConnection ? navigator.mediaDevices?.getUserMedia?.({ audio: true }) : undefined;
        mic?.catch(noop);
        b.baton.call!().then(
          (c) => c.start(mic),
          () => mic?.then((s) => s.getTracks().forEach((t) => t.stop()), noop),
        );
      },
      // Rejects when the transport has no phone line (the panel then says it failed).
      phoneCode: async () => (await b.transport!.phoneLine!()).requestPhoneCode(b),
      // Booked on Baton's embedded server (the transport with handoff links); elsewhere (Twilio) the
      // callback form leaves the number in the conversation, as before.
      callbacks: b.transport?.handoff && (async () => (await b.transport!.phoneLine!()).callbacks!(b)),
      setPart: (key, value) => b.engine.setPart(key, value),
      raw: () => b.engine.raw(),
      handoff: b.transport?.handoff && (async () => (await b.transport!.handoff!()).offerHandoff(b)),
      arrival: () => b.arrival,
    };
  }

  /**
   * With consent, on a later page with a stored credential: a visitor whose conversation is open
   * reconnects; for the others the transport's tiny status chunk fetches the unread count (no
   * socket). When the page is idle, so this read never delays the engine's first write of the journey.
   */
  function resume(b: Booted): void {
    if (b.engine.getConsent() === 'granted')
      idle(() =>
        booted === b &&
        b.store.get<StoredVisitor>(STORED_VISITOR_KEY).then(
          (v): unknown =>
            v?.credential &&
            (v.open
              ? b.startChat().then((c) => c.session.start())
              : b.transport?.status?.().then((m) => m.unread(b.server, v)).then((n) => n && !b.started && emitter.emit('unread', n))),
        ).catch(noop),
      );
  }

  /** The booted widget, mounted now if its idle task has not come yet (open() before it, say). */
  function ui(b: Booted): Booted['ui'] {
    if (!b.ui && parts.ui && booted === b) {
      try {
        b.ui = parts.ui(b.baton);
      } catch (e) {
        fail('ui_failed', `the widget failed: ${String((e as Error)?.message ?? e)}`);
        parts = { ...parts, ui: undefined };
      }
    }
    return b.ui;
  }

  function whenBooted(method: string, args: unknown[], run: (b: Booted) => void): void {
    if (booted) run(booted);
    else buffered.push([method, ...args]);
  }

  const api: Baton = {
    boot(options = {}) {
      if (booted) {
        // The snippet pasted twice boots twice with the same options: harmless, so stay quiet then.
        if (JSON.stringify(options) !== bootOptionsJson) fail('invalid_argument', 'boot() again with other options: shutdown() first');
        return;
      }
      if (typeof options !== 'object' || options === null) {
        fail('invalid_argument', 'boot() expects an options object');
        options = {};
      }
      bootOptionsJson = JSON.stringify(options);
      const store = parts.store((reason) => fail('storage_unavailable', `storage unavailable, using memory: ${reason}`));
      const engine = new ContextEngine({
        options,
        store: () => store,
        navigation: browserNavigation,
        lifecycle: browserLifecycle,
        page: browserPage,
        signals: browserSignals,
        ...parts.sources,
        // Loaded only when the visitor presses "Share my location".
        location: { current: () => import('../platform/geolocation').then((m) => m.browserGeolocation.current()) },
      });
      // `baton` is the boot's session, set next.
      const b = {
        options,
        engine,
        store,
        ui: null,
        stopChange: noop,
        transport: chooseTransport(parts.transports ?? [], options.transport),
        server: String(options.server || parts.server || '').replace(/\/+$/, ''),
        emit: emitter.emit,
        // An agent's call reaching a page where the widget is closed (or not drawn yet): open it.
        ring: () => void (booted === b && api.open()),
        context: () => snapshotOf(b),
        // The chat chunk starts the chat once per boot, with this boot as its deps.
        startChat: () =>
          (b.started ||= import('../core/chat/chat')
            .then((m) => m.startChat(b))
            .catch((e: unknown) => {
              b.started = null;
              throw e;
            })),
        started: null,
        call: null,
      } as Omit<Booted, 'baton'> as Booted;
      b.baton = session(b);
      // Snapshots are built for 'context' listeners only: without one, nothing is built or loaded.
      b.stopChange = engine.onChange(() => {
        if (emitter.has('context'))
          snapshotOf(b).then(
            (snapshot) => booted === b && emitter.emit('context', snapshot),
            noop,
          );
      });
      // The token leaves the address bar at once: a reload or a shared URL never carries it again.
      // The chunk redeems it once consent allows keeping a credential, and opens the panel on
      // that conversation (instead of resume(), which would reconnect this phone's own visitor).
      // A QR entry link (issue 19: `#baton-entry=`, src/protocol/entry.ts) leaves the same way: the
      // snapshot builder reads it, the panel opens about it.
      const link = /[#&]baton-(handoff|entry)=([\w.-]+)/.exec(location.hash);
      if (link) {
        history.replaceState(history.state, '', location.href.split('#')[0]);
        if (link[1]! > 'f') b.arrival = b.transport?.handoff?.().then((m) => m.arrive(b, link[2]!, api.open));
        else {
          engine.setPart('entry', link[2]!);
          // Joins the queue: replayed after this boot's identify and context calls.
          api.open();
        }
      }
      booted = b;
      // In a native app's web view with a bridge: its chunk loads when the page is idle; the
      // events until then are held for it ('ready' is sticky: the bridge hears it anyway).
      const w = window as unknown as Record<string, { messageHandlers?: { baton?: unknown } } | undefined>;
      if (w.webkit?.messageHandlers?.baton || w.BatonBridge || w.ReactNativeWebView || w.flutter_inappwebview) {
        const held: [string, unknown][] = [];
        const offs = BRIDGE_EVENTS.map((e) => emitter.on(e, (data) => held.push([e, data])));
        idle(() =>
          import('../platform/bridge').then((m) => {
            offs.forEach((off) => off());
            if (booted === b) b.stopBridge = m.connectBridge({ on: api.on as never, call, fail }, held);
          }, noop),
        );
      }
      // The widget mounts in a task of its own (when the page is idle, within a second), so that
      // booting and drawing the launcher never add up to one long task on the host page.
      if (parts.ui) idle(() => ui(b));
      const pending = orderQueue(buffered);
      buffered = [];
      for (const [method, ...args] of pending) call(method, args);
      engine.ready.then(
        () => {
          if (booted !== b) return;
          ready = true;
          emitter.emit('ready', undefined);
          if (!b.arrival) resume(b);
        },
        noop,
      );
    },
    identify(identity) {
      whenBooted('identify', [identity], (b) => b.engine.identify(identity));
    },
    context(fields) {
      whenBooted('context', [fields], (b) => b.engine.setCustom(fields));
    },
    consent(state) {
      if (state !== 'granted' && state !== 'denied') return fail('invalid_argument', `consent() takes 'granted' or 'denied', not ${JSON.stringify(state)}`);
      whenBooted('consent', [state], (b) => {
        if (b.engine.getConsent() === state) return;
        void b.engine.setConsent(state);
        emitter.emit('consent', state);
        if (state === 'granted' && ready && !b.arrival) resume(b);
      });
    },
    open() {
      whenBooted('open', [], (b) => {
        const widget = ui(b);
        if (widget) widget.open();
        else setOpen(true);
      });
    },
    close() {
      whenBooted('close', [], (b) => {
        const widget = ui(b);
        if (widget) widget.close();
        else setOpen(false);
      });
    },
    call() {
      whenBooted('call', [], (b) => {
        // From the site's own "Call us" click: the panel opens on the call, and the microphone is
        // asked for within that click, synchronously (startCall).
        api.open();
        b.baton.startCall!();
      });
    },
    on<E extends BatonEventName>(event: E, listener: Listener<E>) {
      if (!EVENTS.includes(event) || typeof listener !== 'function') {
        fail('invalid_argument', `on() takes one of ${EVENTS} and a function`);
        return noop;
      }
      const off = emitter.on(event, listener);
      // 'ready' is sticky (the only one): a listener added after Baton became ready still hears it, once.
      if (event === 'ready' && ready) queueMicrotask(() => notify([listener as Listener<'ready'>], undefined, 'ready', (e) => listenerFailed('ready', e)));
      return off;
    },
    off(event, listener) {
      emitter.off(event, listener);
    },
    getContext() {
      if (!booted) return Promise.reject(new Error('[Baton] getContext() needs boot() first'));
      return snapshotOf(booted);
    },
    shutdown() {
      const b = booted;
      if (!b) return;
      booted = null;
      ready = false;
      b.stopChange();
      b.stopBridge?.();
      b.ui?.destroy();
      b.started?.then((c) => c.destroy(), noop);
      b.call?.then((c) => c.destroy(), noop);
      b.engine.stop();
      open = false;
    },
  };

  function call(method: string, args: unknown[]): unknown {
    const fn = (api as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') {
      fail('invalid_argument', `unknown command "${String(method)}"`);
      return undefined;
    }
    return (fn as (...a: unknown[]) => unknown).apply(api, args);
  }

  return { api, call, fail, session: () => booted?.baton };
}

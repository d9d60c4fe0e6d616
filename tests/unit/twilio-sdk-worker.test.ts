// Where the Twilio SDK runs (src/transports/twilio-chat/startSdk.ts, startSdkWorker.ts): in its worker when the page
// lets Baton make one, and otherwise nowhere but the page's thread, with nothing left running. The
// real worker and the real SDK run in tests/browser/twilio-chat.test.ts; the protocol between the
// proxy and the worker's host runs the whole conformance suite (tests/server/conformance-twilio.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSdkWorker } from '../../src/transports/twilio-chat/startSdkWorker';
import type { FromWorker } from '../../src/transports/twilio-chat/worker/protocol';

const URL_OF_CHUNK = 'https://cdn.example/baton/chunks/twilio-sdk-worker-abc.js';

/** A Worker as the browser gives it: it answers the way `behave` says, once the page listens. */
interface FakeWorker {
  url: string;
  options: WorkerOptions;
  onerror: ((e: Event) => void) | null;
  terminated: boolean;
  posted: unknown[];
  say(data: FromWorker): void;
}
function fakeWorker(behave: (w: FakeWorker) => void) {
  const made: FakeWorker[] = [];
  class Fake implements FakeWorker {
    onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    terminated = false;
    posted: unknown[] = [];
    constructor(
      readonly url: string,
      readonly options: WorkerOptions,
    ) {
      made.push(this);
      setTimeout(() => behave(this));
    }
    postMessage(m: unknown) {
      this.posted.push(m);
    }
    terminate() {
      this.terminated = true;
    }
    say(data: FromWorker) {
      this.onmessage?.({ data } as MessageEvent<FromWorker>);
    }
  }
  vi.stubGlobal('Worker', Fake);
  return made;
}

afterEach(() => vi.unstubAllGlobals());

describe('the Twilio SDK in a worker', () => {
  it("makes a blob: module worker whose one line imports the worker's chunk, and uses it once the SDK is ready", async () => {
    const made = fakeWorker((w) => w.say({ t: 'ready' }));
    const create = await startSdkWorker(URL_OF_CHUNK);
    expect(create).toBeTypeOf('function');
    expect(made).toHaveLength(1);
    expect(made[0]!.url).toMatch(/^blob:/);
    expect(made[0]!.options).toMatchObject({ type: 'module' });
    expect(made[0]!.terminated).toBe(false);
    // A client's calls go to the worker.
    create!('token-1');
    expect(made[0]!.posted).toEqual([{ t: 'call', id: 1, call: { op: 'create', client: 1, token: 'token-1' } }]);
  });

  it('gives up, leaving nothing running, when the page refuses the worker or the worker cannot load the SDK', async () => {
    // Trusted Types enforced: `new Worker(string)` throws.
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new TypeError("Failed to construct 'Worker': This document requires 'TrustedScriptURL' assignment.");
        }
      },
    );
    expect(await startSdkWorker(URL_OF_CHUNK)).toBeNull();
    // A CSP without `worker-src blob:`: the worker's error event.
    let made = fakeWorker((w) => w.onerror?.(new Event('error')));
    expect(await startSdkWorker(URL_OF_CHUNK)).toBeNull();
    expect(made[0]!.terminated).toBe(true);
    // The chunk or the SDK failed to load inside the worker.
    made = fakeWorker((w) => w.say({ t: 'failed', message: 'TypeError: Failed to fetch dynamically imported module' }));
    expect(await startSdkWorker(URL_OF_CHUNK)).toBeNull();
    expect(made[0]!.terminated).toBe(true);
  });
});

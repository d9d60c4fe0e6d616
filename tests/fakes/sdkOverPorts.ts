/**
 * An SDK client factory that runs `create`'s clients behind the worker protocol: the worker's host
 * (src/transports/twilio-chat/worker/host.ts) on one end of a MessageChannel, the page's proxy
 * (sdkWorkerClient.ts) on the other, as ./startSdk.ts joins them over a Worker in the browser.
 * Every message crosses a real structured clone.
 */
import { MessageChannel } from 'node:worker_threads';
import type { CreateSdkClient } from '../../src/transports/twilio-chat/sdk';
import { connectSdkWorker } from '../../src/transports/twilio-chat/sdkWorkerClient';
import { serveSdk } from '../../src/transports/twilio-chat/worker/host';
import type { FromWorker, Port, ToWorker } from '../../src/transports/twilio-chat/worker/protocol';

export function sdkOverPorts(create: CreateSdkClient): CreateSdkClient {
  const { port1, port2 } = new MessageChannel();
  // Node's ports deliver the data itself to on('message') listeners; the ends expect MessageEvents.
  let toWorker: Port<ToWorker, FromWorker>['onmessage'] = null;
  let toPage: Port<FromWorker, ToWorker>['onmessage'] = null;
  port1.on('message', (m: ToWorker) => {
    if (m.call.op === 'send' && typeof m.call.body !== 'string') m.call.body.media = fromBytes(m.call.body.media as unknown as Bytes);
    toWorker?.({ data: m } as MessageEvent<ToWorker>);
  });
  port2.on('message', (m: FromWorker) => toPage?.({ data: m } as MessageEvent<FromWorker>));
  // Listening refs the ports: they would keep the test process alive.
  port1.unref();
  port2.unref();
  serveSdk(
    {
      postMessage: (m) => port1.postMessage(m),
      set onmessage(l) {
        toWorker = l;
      },
      get onmessage() {
        return toWorker;
      },
    },
    create,
  );
  return connectSdkWorker({
    postMessage: (m) => port2.postMessage(m.call.op === 'send' && typeof m.call.body !== 'string' ? { ...m, call: { ...m.call, body: { ...m.call.body, media: toBytes(m.call.body.media) } } } : m),
    set onmessage(l) {
      toPage = l;
    },
    get onmessage() {
      return toPage;
    },
  });
}

/**
 * happy-dom's Blob (the tests' DOM) is a plain class a structured clone empties, where the
 * browser's crosses with its bytes: here the photo crosses as its bytes and type, and is a Blob
 * again on the other side, with the same bytes.
 */
interface Bytes {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
}
function toBytes(blob: Blob): Blob {
  const bytes = (blob as unknown as Record<symbol, Uint8Array | undefined>)[Object.getOwnPropertySymbols(blob).find((s) => s.description === 'buffer')!];
  if (!bytes) throw new Error('not a happy-dom Blob');
  return { bytes: new Uint8Array(bytes), type: blob.type } satisfies Bytes as unknown as Blob;
}
const fromBytes = (b: Bytes): Blob => new Blob([b.bytes as Uint8Array<ArrayBuffer>], { type: b.type });

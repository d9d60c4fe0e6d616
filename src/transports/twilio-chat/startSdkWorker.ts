/**
 * Starts the SDK's worker (./worker/entry.ts) from a `blob:` URL whose one line imports the worker
 * chunk by its absolute URL (why a blob: ./startSdk.ts), and answers with the SDK client factory
 * over it once the SDK is ready there, or null when the page refuses the worker or the worker
 * cannot load the SDK, leaving nothing running.
 */
import type { CreateSdkClient } from './sdk';
import { connectSdkWorker } from './sdkWorkerClient';
import type { FromWorker, Port, ToWorker } from './worker/protocol';

/** The SDK in a worker, or null when the page does not allow one (then nothing is left running). */
export function startSdkWorker(url: string): Promise<CreateSdkClient | null> {
  let worker: Worker;
  let blobUrl: string;
  try {
    // A failed import() is a rejection, not an error event: said as 'failed' (./worker/protocol.ts).
    const source = `import(${JSON.stringify(url)}).catch((e) => postMessage({ t: 'failed', message: String(e) }))`;
    blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    worker = new Worker(blobUrl, { type: 'module', name: 'baton-twilio-sdk' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    const done = (create: CreateSdkClient | null) => {
      URL.revokeObjectURL(blobUrl);
      worker.onerror = null;
      if (!create) worker.terminate();
      resolve(create);
    };
    // A CSP refusing the worker, a worker script that fails to load or to evaluate.
    worker.onerror = (e) => {
      e.preventDefault();
      done(null);
    };
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data?.t === 'ready') done(connectSdkWorker(worker as Port<FromWorker, ToWorker>));
      else if (data?.t === 'failed') done(null);
    };
  });
}

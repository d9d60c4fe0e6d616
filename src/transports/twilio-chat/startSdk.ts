/**
 * Where the Twilio SDK runs: in a module worker when the host page allows one, else on the page's
 * thread as before (./load.ts). Either way the transport gets a CreateSdkClient.
 *
 * The worker is made from a `blob:` URL whose only line imports the worker chunk by its absolute
 * URL: Baton's chunks usually come from another origin than the page (a CDN, the embedded server),
 * and `new Worker(url)` takes same-origin URLs only, while a module worker may import cross-origin
 * modules served with CORS (Baton's chunks are: the script tag's module graph needs it already).
 * A blob worker needs the page's CSP to allow it (`worker-src blob:`, or `child-src`/`script-src`
 * when `worker-src` is absent: docs/twilio.md). When the page refuses it (a CSP without `blob:`,
 * Trusted Types enforced: `new Worker` wants a TrustedScriptURL, and Baton's one policy, the
 * loader's, serves only Baton's origin), or the worker cannot load the SDK, the SDK loads on the
 * page's thread, silently: the chat works the same, with the one long task of its evaluation.
 */
import type { CreateSdkClient } from './sdk';
import { startSdkWorker } from './startSdkWorker';
import { sdkWorkerUrl } from './worker/chunkUrl';

/** The SDK's client factory: in its worker where the build has one and the page allows it, else on the page's thread. */
export async function startSdk(): Promise<CreateSdkClient> {
  // Outside the script-tag build sdkWorkerUrl is null, and the bundler drops the worker's code.
  const inWorker = sdkWorkerUrl && typeof Worker === 'function' ? await startSdkWorker(sdkWorkerUrl) : null;
  return inWorker ?? (await import('./load')).loadConversationsSdk();
}

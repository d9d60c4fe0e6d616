/**
 * The SDK worker's module (a chunk of its own in the script-tag build, chunks/twilio-sdk-worker-*.js;
 * see ./chunkUrl.ts): loads `@twilio/conversations` inside the worker, so its evaluation (a long
 * task of a few hundred ms on a phone-class CPU, `npm run bench`) and its work afterwards stay off
 * the page's main thread. It says 'ready' once the SDK is evaluated and the host listens, or
 * 'failed' (the page then loads the SDK on its own thread: ../startSdk.ts).
 */
import { loadConversationsSdk } from '../load';
import { serveSdk } from './host';
import type { FromWorker, Port, ToWorker } from './protocol';

const scope = self as unknown as Port<ToWorker, FromWorker>;
loadConversationsSdk().then(
  (create) => {
    serveSdk(scope, create);
    scope.postMessage({ t: 'ready' });
  },
  (e: unknown) => scope.postMessage({ t: 'failed', message: String((e as Error)?.message ?? e) }),
);

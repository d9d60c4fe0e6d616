/** Baton's local transport: chat with Baton's embedded server (see ./transport.ts and ./status.ts). */
export { createLocalTransport, backoffDelay, visitorSocketUrl, type LocalTransportOptions } from './transport';
export { visitorStatus } from './status';

/** Baton's local transport: chat with Baton's embedded server (see ./transport.ts and ./status.ts). */
export { createLocalTransport, visitorSocketUrl, type LocalTransportOptions } from './transport';
export { visitorStatus } from './status';

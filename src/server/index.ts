/** `baton-sdk/server`: helpers for the site's Node server, and Baton's embedded chat server. */
export { signIdentity, verifyIdentitySignature, signIdentityJwt, verifyIdentityJwt } from './identity';
export type { IdentityJwtClaims, VerifiedIdentityJwt } from './identity';
export { createEmbeddedServer } from './embedded/createEmbeddedServer';
export type { EmbeddedServer, EmbeddedServerOptions } from './embedded/createEmbeddedServer';
export type { StaticHandler } from './embedded/httpRoutes';

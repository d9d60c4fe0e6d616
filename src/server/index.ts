/** `baton-sdk/server`: helpers for the site's Node server. */
export { signIdentity, verifyIdentitySignature } from './identity';

/**
 * The ways the panel offers to be reached (issue 15): a chat, a call in the browser, a callback
 * booked at a time, the phone line with its context code, a reply by e-mail. A module of its own:
 * ./context.ts is in the page-load bundle, and a value exported from it for the panel would be too.
 */
export const CHANNELS = ['chat', 'call', 'callback', 'phone', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

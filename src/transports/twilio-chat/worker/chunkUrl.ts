/**
 * The absolute URL of the SDK worker's chunk (./entry.ts), or null where there is none. This file
 * says null: the npm build (dist/npm, where `@twilio/conversations` is the site's bundler's to
 * resolve) and the tests run the SDK on the page's thread. The script-tag build replaces it
 * (rollup.config.mjs, `sdkWorkerChunk`): the entry becomes a chunk of its own and this its URL,
 * resolved against the importing chunk's own URL, so it is right on any CDN layout.
 */
export const sdkWorkerUrl: string | null = null;

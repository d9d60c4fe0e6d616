// The one polling helper of the tests that cannot use a matcher (expect.poll / vi.waitFor): waits
// until `check` returns something truthy and returns it, or fails naming what never came. Every
// assertion waits for what it asserts, never for a fixed time.
export async function until<T>(check: () => T | Promise<T>, what = 'the condition', ms = 8000, everyMs = 10): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

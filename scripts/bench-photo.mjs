// `npm run bench` (part 6): the photo pipeline (issue 16) in Chromium at 4x CPU throttling (a
// phone-class CPU, Emulation.setCPUThrottlingRate): the time src/view/photo.ts takes to make a
// 12 MP camera JPEG (4000 x 3000, made in the page by Chromium's own encoder) ready to send
// (decode, downscale to 2,048 px, re-encode; what a visitor waits for between picking a photo and
// its upload), median and p95 of N runs, with the sizes in and out, and the chunk's gzip size.
// A benchmark, not a test: it prints figures and never fails on a threshold. Loopback only, bounded.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';
import { ms, percentile as pct } from './benchStats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_PHOTO_RUNS || 7);
const CPU_THROTTLE = 4;
const OVERALL_TIMEOUT_MS = 5 * 60_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function main() {
  const timer = setTimeout(() => {
    console.error('bench-photo: over the time limit, stopping');
    process.exit(1);
  }, OVERALL_TIMEOUT_MS);
  const chunk = readdirSync(`${ROOT}dist/chunks`).find((f) => /^photo-.*\.js$/.test(f));
  if (!chunk) throw new Error('bench-photo: dist/chunks/photo-*.js not found; run `npm run build` first');
  const gzip = gzipSync(readFileSync(`${ROOT}dist/chunks/${chunk}`), { level: 9 }).length;
  const demo = await startDemoServer({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo.url.replace(/\/$/, '')}/`);
    // The camera photo, made before throttling (its making is not what is measured).
    const source = await page.evaluate(async () => {
      const c = new OffscreenCanvas(4000, 3000);
      const g = c.getContext('2d');
      // Gradients with sensor-like noise, so the JPEG is the size of a real phone photo (a flat
      // picture would compress to nothing and decode faster than a real one).
      const img = g.createImageData(4000, 3000);
      const d = img.data;
      let seed = 1;
      for (let i = 0, p = 0; i < d.length; i += 4, p++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const n = (seed >> 16) % 24;
        const x = p % 4000;
        const y = (p / 4000) | 0;
        d[i] = (x >> 4) + n;
        d[i + 1] = (y >> 4) + n;
        d[i + 2] = ((x + y) >> 5) + n;
        d[i + 3] = 255;
      }
      g.putImageData(img, 0, 0);
      const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
      window.__photo = blob;
      return blob.size;
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
    const runs = [];
    let out = null;
    for (let i = 0; i < RUNS; i++) {
      const r = await page.evaluate(async (src) => {
        const { preparePhoto } = await import(src);
        const t0 = performance.now();
        const p = await preparePhoto(window.__photo);
        return { ms: performance.now() - t0, ok: p.ok, size: p.ok ? p.blob.size : 0, width: p.width, height: p.height };
      }, `/baton/chunks/${chunk}`);
      if (!r.ok) throw new Error('bench-photo: the photo was refused');
      runs.push(r.ms);
      out = r;
    }
    const median = pct(runs, 50);
    console.log(`bench-photo: ${RUNS} runs in Chromium at ${CPU_THROTTLE}x CPU throttling, no GPU`);
    console.log(`  12 MP JPEG (4000 x 3000, ${(source / 1e6).toFixed(2)} MB) -> ${out.width} x ${out.height} JPEG (${(out.size / 1e3).toFixed(0)} KB), no EXIF: median ${ms(median)}, p95 ${ms(pct(runs, 95))}`);
    console.log(`  chunk ${chunk}: ${gzip.toLocaleString('en-US')} B gzip, loaded on the first photo`);
    console.log(`photo: 12MP->2048 p50 ${ms(median)} p95 ${ms(pct(runs, 95))} at ${CPU_THROTTLE}x CPU; chunk ${gzip} B gzip`);
  } finally {
    clearTimeout(timer);
    await browser.close();
    await demo.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

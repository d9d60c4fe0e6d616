// Benchmarks wait for a quiet machine before each measured page load: a load that shares the CPU
// with a test run or a build measures the neighbour, not Baton (issue 22: runs of one page varied
// from 37 to 111 ms of TBT that way). Linux only (/proc/stat); elsewhere it does not wait.
import { readFileSync } from 'node:fs';

/** Jiffies spent idle (idle + iowait) and in all, summed over every CPU. */
function cpuTimes() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]; // "cpu  user nice system idle iowait ..."
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + (fields[4] || 0), total: fields.reduce((s, n) => s + n, 0) };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once the CPUs were at least `idleShare` idle over one `windowMs` window, or after
 * `maxWaitMs` (then `idle` is false: the caller reports that load as taken on a busy machine).
 */
export async function waitForIdleCpu({ idleShare = 0.85, windowMs = 500, maxWaitMs = 30_000 } = {}) {
  let before;
  try {
    before = cpuTimes();
  } catch {
    return { idle: true, waitedMs: 0, share: NaN }; // no /proc/stat: nothing to wait for
  }
  const start = Date.now();
  let share = 0;
  for (;;) {
    await sleep(windowMs);
    const now = cpuTimes();
    share = (now.idle - before.idle) / Math.max(1, now.total - before.total);
    before = now;
    if (share >= idleShare) return { idle: true, waitedMs: Date.now() - start, share };
    if (Date.now() - start >= maxWaitMs) return { idle: false, waitedMs: Date.now() - start, share };
  }
}

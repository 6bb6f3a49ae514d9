// An open loop: requests start on schedule whatever the answers do (a slow answer does not delay
// the next request, as it would in a closed loop of callers).
import type { Answer } from './http.js';
import { sleep } from './stats.js';

export async function openLoop(ratePerSec: number, seconds: number, fire: (i: number) => Promise<Answer>): Promise<Answer[]> {
  const out: Promise<Answer>[] = [];
  const t0 = performance.now();
  const total = Math.round(ratePerSec * seconds);
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / ratePerSec;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    out.push(fire(i).catch((e) => ({ status: 0, headers: {}, text: String(e), body: undefined, ms: performance.now() - due })));
  }
  return Promise.all(out);
}

import type { PasswordHasher } from './ports.js';
import { Semaphore } from '../semaphore.js';
import { startHashingThreads } from './hashing-threads.js';

/** OWASP's minimum for argon2id (m=19 MiB, t=2, p=1). Stronger settings may be passed in. */
export const ARGON2_MIN = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** How much lower than request handling the hashing threads run (Linux nice, 0–19). */
const HASHING_NICE = 19;

export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * The share of the hashing gate that anonymous requests (sign-up, reset confirmation) may hold at
 * once, running or waiting: a quarter of the slots (at least one) and an eighth of the queue (at
 * least one). Past it they are shed with `503 service.busy`, while logins still find the rest.
 */
function anonymousShare(concurrency: number, queueLimit: number) {
  return { running: Math.max(1, Math.floor(concurrency / 4)), waiting: Math.max(1, Math.floor(queueLimit / 8)) };
}

export interface HashingStats {
  running: number;
  waiting: number;
  verifications: number;
  hashes: number;
  anonymousHashes: number;
}

export function createPasswordHasher(options: {
  concurrency: number;
  queueLimit: number;
  params?: Argon2Params;
}): PasswordHasher & { stats(): HashingStats; close(): Promise<void> } {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot import).
  const params = { algorithm: 2 as const, ...(options.params ?? ARGON2_MIN) };
  if (params.memoryCost < ARGON2_MIN.memoryCost || params.timeCost < ARGON2_MIN.timeCost) {
    throw new Error('argon2 parameters below the OWASP minimum');
  }
  const gate = new Semaphore(options.concurrency, options.queueLimit);
  // Anonymous hashes pass this smaller gate first, then the shared one: they never hold more of the
  // shared gate's slots and queue than their share.
  const share = anonymousShare(options.concurrency, options.queueLimit);
  const anonymousGate = new Semaphore(share.running, share.waiting);
  let hashes = 0;
  let anonymousHashes = 0;
  const threads = startHashingThreads({ threads: options.concurrency, nice: HASHING_NICE });
  const hash = (password: string, p: typeof params) => threads.hash(password, p);
  const verify = (stored: string, password: string) => threads.verify(stored, password);
  let verifications = 0;
  // Computed once, lazily: verifying against it costs what verifying a real hash costs.
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) =>
      gate.run(() => {
        hashes++;
        return hash(password, params);
      }),
    hashAnonymous: (password) =>
      anonymousGate.run(() =>
        gate.run(() => {
          hashes++;
          anonymousHashes++;
          return hash(password, params);
        }),
      ),
    verify: (stored, password) =>
      // A malformed stored hash is already `false` inside the thread; anything thrown here is a
      // failure (a hashing thread that died), which must not pass for a wrong password.
      gate.run(async () => {
        verifications++;
        return verify(stored, password);
      }),
    async verifyDummy(password) {
      // Made through the gate too: even the first unknown-address login respects the hashing limit.
      dummy ??= gate
        .run(() => hash('gatehouse-dummy-password', params))
        .catch((e) => {
          dummy = undefined; // shed by the gate: try again next time rather than keep the failure
          throw e;
        });
      const stored = await dummy;
      await gate.run(async () => {
        verifications++;
        await verify(stored, password);
      });
    },
    saturated: () => gate.full,
    stats: () => ({ ...gate.stats, verifications, hashes, anonymousHashes }),
    close: () => threads.close(),
  };
}

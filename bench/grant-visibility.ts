// A device grant, visible to the next check: a grant written through `core.devices.setAccess` (the
// PUT's use case) on the real app and database; the clock starts right after its COMMIT and stops
// when the first check after the write allows.
import { performance } from 'node:perf_hooks';
import type { AuthzEngine, AuthzQuery } from '../src/core/authz/authz-engine.js';
import type { CheckResult } from '../src/core/authz/decision-index.js';
import type { Db, DbTransactionOptions, DbTx } from '../src/store/db.js';
import type { Gatehouse } from '../src/server.js';
import { mean } from './measure.js';
import { PERM_INDEX, ROLE_ADMIN, ROLE_CUSTOM, type World } from './world.js';

/** Up to 20 trials among organizations [0, nOrgs) (those in `db`), from the last one down. */
export async function grantVisibility(w: World, nOrgs: number, db: Db, gatehouse: Gatehouse, engine: AuthzEngine) {
  const grantTrials: { visibleMs: number; writeMs: number }[] = [];
  // The clock starts right after COMMIT: at the first after-commit callback of the write's
  // transaction (they run in order, before the engine hears of the write), read through a wrapper
  // of the Db's transaction() that createGatehouse's store calls.
  let committedAt = 0;
  const realTransaction = db.transaction.bind(db);
  db.transaction = <T>(fn: (tx: DbTx) => Promise<T>, options?: DbTransactionOptions) =>
    realTransaction((tx) => {
      let first = true;
      return fn({
        ...tx,
        afterCommit: (cb) =>
          tx.afterCommit(() => {
            if (first) committedAt = performance.now();
            first = false;
            cb();
          }),
      });
    }, options);
  try {
    for (let o = nOrgs - 1; o >= 0 && grantTrials.length < 20; o--) {
      let target = -1;
      for (let m = w.memStart[o]! + 1; m < w.memStart[o + 1]!; m++) {
        if (
          w.memRole[m] !== ROLE_ADMIN &&
          w.memAll[m] === 0 &&
          (w.memRole[m] !== ROLE_CUSTOM || w.custom[o]!.mask[PERM_INDEX.get('device-management:devices.view')!] === 1)
        ) {
          target = m;
          break;
        }
      }
      if (target < 0) continue;
      const granted = new Set<number>();
      for (let k = w.grantStart[target]!; k < w.grantStart[target + 1]!; k++) granted.add(w.grantDev[k]!);
      let d = w.devStart[o]!;
      while (granted.has(d)) d++;
      const orgId = w.orgIds[o]!;
      const userId = w.userIds[w.memUser[target]!]!;
      const q: AuthzQuery = { userId, organizationId: orgId, permission: 'device-management:devices.view', deviceId: w.deviceIds[d]! };
      await engine.index(orgId);
      if ((engine.check(q) as CheckResult).allowed) throw new Error('grant trial: allowed before the grant');
      const t0 = performance.now();
      await gatehouse.core.devices.setAccess({ userId: w.userIds[w.memUser[w.memStart[o]!]!]! }, orgId, userId, {
        allDevices: false,
        deviceIds: [...[...granted].map((g) => w.deviceIds[g]!), w.deviceIds[d]!],
      });
      const written = performance.now();
      let r = engine.check(q);
      if (r instanceof Promise) r = await r;
      const seen = performance.now();
      if (!r.allowed) throw new Error('grant trial: the next check did not see the grant');
      grantTrials.push({ visibleMs: seen - committedAt, writeMs: written - t0 });
    }
  } finally {
    db.transaction = realTransaction;
  }
  const visible = grantTrials.map((g) => g.visibleMs).sort((a, b) => a - b);
  return {
    medianMs: visible[Math.floor(visible.length / 2)]!,
    maxMs: visible.at(-1)!,
    trials: visible.length,
    writeMs: mean(grantTrials.map((g) => g.writeMs)),
  };
}

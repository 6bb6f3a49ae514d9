// `npm run bench:decide [-- before|after60|after3000]`: decide() per check, the catalog interned to
// Uint32Array bitsets (decision-index.ts) with 60 and with 3,000 permissions, against the two 31-bit
// halves it replaced (which held at most 62 permissions; copied below as the baseline). One variant
// per process (a fresh JIT each), the same organization and questions for all: 1,000 members of
// three roles, 2,000 devices, 65,536 questions (half naming a device). Prints ns per check (p10 and
// median of 30 rounds); run it under `nice` on a quiet machine, several times.
import { catalogIndex, decide, permissionBits } from '../src/core/authz/decision-index.js';
import { addDevices, emptyOrgIndex, setDeviceGrants, setMembers } from '../src/core/authz/org-index.js';
import { CATALOG } from '../test/support/shipped-catalog.js';

const N_MEMBERS = 1000;
const N_DEVICES = 2000;
const N_QUESTIONS = 1 << 16;
const ROUNDS = 30;

let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

// The baseline: the index before the catalog became data (bits 0–30 in `lo`, 31–61 in `hi`).
type Halves = { lo: number; hi: number };
const OLD_BIT = new Map(CATALOG.map((e, i) => [e.key, i]));
const halves = (keys: Iterable<string>): Halves => {
  let lo = 0;
  let hi = 0;
  for (const k of keys) {
    const bit = OLD_BIT.get(k);
    if (bit === undefined) continue;
    if (bit < 31) lo |= 1 << bit;
    else hi |= 1 << (bit - 31);
  }
  return { lo, hi };
};
const hasHalf = (m: Halves, bit: number) => (bit < 31 ? (m.lo >>> bit) & 1 : (m.hi >>> (bit - 31)) & 1) === 1;
const OLD_SCOPED = halves(CATALOG.filter((e) => e.deviceScoped).map((e) => e.key));
type OldMember = Halves & { isAdmin: boolean; allDevices: boolean; devices: ReadonlySet<string> };
const GRANTED = { allowed: true };
const DENIED = { allowed: false };
function decideBefore(
  index: { members: Map<string, OldMember>; devices: Set<string> },
  userId: string,
  permission: string,
  deviceId?: string,
) {
  const bit = OLD_BIT.get(permission);
  if (bit === undefined) return DENIED;
  if (deviceId !== undefined && !index.devices.has(deviceId)) return DENIED;
  const m = index.members.get(userId);
  if (m === undefined) return DENIED;
  if (!hasHalf(m, bit)) return DENIED;
  if (deviceId === undefined || m.isAdmin || m.allDevices || !hasHalf(OLD_SCOPED, bit)) return GRANTED;
  return m.devices.has(deviceId) ? GRANTED : DENIED;
}

const variant = process.argv[2] ?? 'after60';
const extra = variant === 'after3000' ? 2940 : 0;
const entries = [
  ...CATALOG.map((e) => ({ key: e.key, resourceType: e.resourceType, deprecated: false })),
  ...Array.from({ length: extra }, (_, i) => ({ key: `svc${i % 50}:act.${i}`, resourceType: i % 3 ? null : 'device', deprecated: false })),
];
const keys = entries.map((e) => e.key);
const roleKeys = [keys, keys.filter((_, i) => i % 2 === 0), keys.filter((_, i) => i % 3 === 0)];
const devices = Array.from({ length: N_DEVICES }, (_, i) => `dev_${i}`);
const users = Array.from({ length: N_MEMBERS }, (_, i) => `usr_${i}`);
const deviceSets = users.map(() => new Set(devices.filter(() => rnd() < 0.01)));
const questions = Array.from({ length: N_QUESTIONS }, () => ({
  user: users[(rnd() * N_MEMBERS) | 0]!,
  permission: keys[(rnd() * keys.length) | 0]!,
  device: rnd() < 0.5 ? devices[(rnd() * N_DEVICES) | 0] : undefined,
}));

let ask: (user: string, permission: string, device: string | undefined) => { allowed: boolean };
if (variant === 'before') {
  const masks = roleKeys.map(halves);
  const members = new Map(
    users.map((u, i) => [u, { isAdmin: i % 3 === 0, allDevices: i % 5 === 0, ...masks[i % 3]!, devices: deviceSets[i]! }]),
  );
  const index = { members, devices: new Set(devices) };
  ask = (u, p, d) => decideBefore(index, u, p, d);
} else {
  const catalog = catalogIndex(entries);
  const sets = roleKeys.map((k) => permissionBits(catalog, k));
  const index = emptyOrgIndex('org_bench', 1, catalog);
  addDevices(index, devices);
  setMembers(
    index,
    users.map((userId, i) => ({ userId, isAdmin: i % 3 === 0, allDevices: i % 5 === 0, permissions: sets[i % 3]! })),
  );
  setDeviceGrants(
    index,
    users.map((u, i) => [u, deviceSets[i]!] as const),
  );
  ask = (u, p, d) => decide(index, u, p, d);
}

let sink = 0;
for (let r = 0; r < 5; r++) for (const q of questions) sink += ask(q.user, q.permission, q.device).allowed ? 1 : 0;
const samples: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t = process.hrtime.bigint();
  for (const q of questions) sink += ask(q.user, q.permission, q.device).allowed ? 1 : 0;
  samples.push(Number(process.hrtime.bigint() - t) / N_QUESTIONS);
}
samples.sort((a, b) => a - b);
console.log(
  `${variant.padEnd(10)} ${String(entries.length).padStart(5)} permissions: p10 ${samples[3]!.toFixed(1)} ns, median ${samples[ROUNDS >> 1]!.toFixed(1)} ns per check${sink ? '' : ' (!)'}`,
);

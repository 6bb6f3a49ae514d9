// Cross-organization matrix (ZITADEL GHSA-cpf4-pmr4-w6cx: organization admins reaching other
// organizations). Every route of the OpenAPI document that takes an id, for eight kinds of caller,
// with each id slot (path, query, body) filled in turn with an object of ANOTHER organization, the
// other slots with valid objects of the caller's own organization. Each answer must be a refusal
// and byte-identical (but its request id) to the answer for an unknown id of the same kind;
// the fingerprint of every table must not move.
// As in test/integration/security-matrix.test.ts: another organization's id is a 404 like an
// unknown one, a device of another organization in a body is refused like an unknown device.
import { randomUUID } from 'node:crypto';
import { newId } from '../../src/core/clock-random.js';
import { fingerprint, fingerprintSql, tableNames } from '../../test/support/db-checks.js';
import type { Ctx } from '../support/context.js';
import { addMember, mintSession, seedUsers, type SeededUser } from '../support/db.js';
import { comparable, type Answer } from '../support/http.js';
import { operations, sample, type Operation, type Schema } from '../support/schema.js';
import { fmt } from '../support/stats.js';

const S = 'cross-org matrix';

interface OrgObjects {
  orgId: string;
  admin: SeededUser;
  /** A Viewer: the `userId` slot. */
  member: string;
  roleId: string;
  invitationId: string;
  deviceId: string;
}

type Kind = 'org' | 'usr' | 'rol' | 'inv' | 'dev';
/** The id slots: where an id of an organization's object goes, and what kind it is. */
const PATH_SLOTS: Record<string, Kind> = { orgId: 'org', userId: 'usr', roleId: 'rol', invitationId: 'inv', deviceId: 'dev' };
/**
 * Path parameters that name no organization's object (a resource type, a service's own id, a
 * service's webhook): filled with one fixed value, so the variants move only the id slots. The
 * organization in the path is what another organization's id is tried in.
 */
const FIXED_PATH_PARAMS: Record<string, string> = {
  type: 'device',
  externalId: 'proof-object',
  slug: 'proof-service',
  webhookId: 'whk_0123456789abcdef',
  deliveryId: 'whd_0123456789abcdef',
};
const QUERY_SLOTS: Record<string, Kind> = { actorId: 'usr', targetId: 'usr', role: 'rol' };
const BODY_SLOTS: Record<string, Kind> = {
  organizationId: 'org',
  userId: 'usr',
  roleId: 'rol',
  deviceId: 'dev',
  deviceIds: 'dev',
  deviceAccess: 'dev',
  checks: 'org',
};

function idOf(o: OrgObjects, kind: Kind): string {
  return { org: o.orgId, usr: o.member, rol: o.roleId, inv: o.invitationId, dev: o.deviceId }[kind];
}

function bodyWith(
  field: string,
  id: string,
  base: Record<string, unknown>,
  callerId: string | undefined,
  own: OrgObjects,
): Record<string, unknown> {
  const b = structuredClone(base);
  if (field === 'deviceIds') b.deviceIds = [id];
  else if (field === 'deviceAccess') b.deviceAccess = { allDevices: false, deviceIds: [id] };
  else if (field === 'checks')
    b.checks = [{ userId: callerId ?? own.member, organizationId: id, permission: 'device-management:devices.view' }];
  else b[field] = id;
  return b;
}

export async function matrix(ctx: Ctx) {
  const { call, db } = ctx;
  const q = db.query;
  // A passkey is a person's, not an organization's: its `{id}` is no organization's object (another
  // person's passkey is a 404, test/integration/mfa-passkeys.test.ts).
  const ops = (await operations(ctx.server.base)).filter(
    (op) => op.path !== '/api/v1/openapi.json' && !op.path.startsWith('/api/v1/me/passkeys/{'),
  );

  async function org(admin: SeededUser, name: string): Promise<OrgObjects> {
    const [viewer] = await seedUsers(q, 1, { prefix: `${name}-member` });
    await addMember(q, admin.orgId, viewer!.userId, 'viewer');
    const role = await call('POST', `/orgs/${admin.orgId}/roles`, {
      token: admin.token,
      body: { name: `Role of ${name}`, permissions: ['device-management:access'] },
    });
    const inv = await call('POST', `/orgs/${admin.orgId}/invitations`, {
      token: admin.token,
      body: { email: `invitee-${randomUUID().slice(0, 8)}@elsewhere.example`, roleId: 'viewer' },
    });
    const dev = await call('POST', `/orgs/${admin.orgId}/devices`, {
      token: admin.token,
      body: { uuid: randomUUID(), name: `Device of ${name}` },
    });
    if (role.status !== 201 || inv.status !== 201 || dev.status !== 201)
      throw new Error(`fixture of ${name}: ${role.text} ${inv.text} ${dev.text}`);
    return {
      orgId: admin.orgId,
      admin,
      member: viewer!.userId,
      roleId: role.body.id,
      invitationId: inv.body.invitation.id,
      deviceId: dev.body.device.id,
    };
  }

  // The caller's organization B and its people; the other organizations A1…An whose ids are used.
  const foreignCount = 4 * ctx.scale;
  const admins = await seedUsers(q, 1 + foreignCount, { prefix: 'matrix-admin' });
  const own = await org(admins[0]!, 'B');
  const foreign = await Promise.all(admins.slice(1).map((a, i) => org(a, `A${i + 1}`)));
  const [editor, viewer, removed, loner, otherAdmin] = await seedUsers(q, 5, { prefix: 'matrix-caller' });
  await addMember(q, own.orgId, editor!.userId, 'editor');
  await addMember(q, own.orgId, viewer!.userId, 'viewer');
  await addMember(q, own.orgId, removed!.userId, 'viewer');
  const removal = await call('DELETE', `/orgs/${own.orgId}/members/${removed!.userId}`, { token: own.admin.token });
  if (removal.status !== 204) throw new Error(`removal: ${removal.text}`);
  const expired = await mintSession(q, own.admin.userId, new Date(Date.now() - 1000));
  const callers: { name: string; token?: string; userId?: string }[] = [
    { name: 'anonymous' },
    { name: 'Viewer', token: viewer!.token, userId: viewer!.userId },
    { name: 'Editor', token: editor!.token, userId: editor!.userId },
    { name: 'Admin of this organization', token: own.admin.token, userId: own.admin.userId },
    // Admin of an organization of their own, which is neither B nor any whose ids are named.
    { name: 'Admin of another organization', token: otherAdmin!.token, userId: otherAdmin!.userId },
    { name: 'user with no membership', token: loner!.token, userId: loner!.userId },
    { name: 'user removed a moment ago', token: removed!.token, userId: removed!.userId },
    { name: 'expired session', token: expired, userId: own.admin.userId },
  ];

  // Variants: (operation, slot) with the request for a given id in that slot.
  interface Variant {
    op: Operation;
    slot: string;
    kind: Kind;
    build: (id: string, callerId: string | undefined) => { path: string; body?: unknown };
  }
  const variants: Variant[] = [];
  for (const op of ops) {
    const fill = (slot: string | undefined, id: string | undefined) =>
      op.path.replace('/api/v1', '').replace(/\{(\w+)\}/g, (_, p: string) => {
        if (p === slot) return id!;
        const fixed = FIXED_PATH_PARAMS[p];
        if (fixed !== undefined) return encodeURIComponent(fixed);
        const kind = PATH_SLOTS[p];
        if (!kind) throw new Error(`unknown path parameter ${p} in ${op.path}`);
        // The other slots hold the caller's own organization's objects (its member: the Viewer).
        return kind === 'usr' ? viewer!.userId : idOf(own, kind);
      });
    const baseBody = op.body ? (sample(op.body as Schema, '', false) as Record<string, unknown>) : undefined;
    for (const p of op.pathParams) {
      if (FIXED_PATH_PARAMS[p] !== undefined) continue;
      variants.push({ op, slot: `path ${p}`, kind: PATH_SLOTS[p]!, build: (id) => ({ path: fill(p, id), body: baseBody }) });
    }
    for (const name of Object.keys(op.query)) {
      const kind = QUERY_SLOTS[name];
      if (kind)
        variants.push({
          op,
          slot: `query ${name}`,
          kind,
          build: (id) => ({ path: `${fill(undefined, undefined)}?${name}=${id}`, body: baseBody }),
        });
    }
    for (const field of Object.keys(op.body?.properties ?? {})) {
      const kind = BODY_SLOTS[field];
      if (kind)
        variants.push({
          op,
          slot: `body ${field}`,
          kind,
          build: (id, callerId) => ({ path: fill(undefined, undefined), body: bodyWith(field, id, baseBody!, callerId, own) }),
        });
    }
  }

  const tables = await tableNames(q);
  // An expired session is deleted when it is presented: the service's clean-up, not a change the
  // request made. Sessions are compared without the expired ones.
  const fpSql = fingerprintSql(tables).replace('FROM "sessions" t)', 'FROM "sessions" t WHERE expires_at > now())');
  const before = await fingerprint(q, fpSql);

  let requests = 0;
  let refused = 0;
  let identical = 0;
  const failures: string[] = [];
  const routes = new Set<string>();
  const t0 = Date.now();
  const send = (op: Operation, token: string | undefined, r: { path: string; body?: unknown }) =>
    call(op.method, r.path, { token, body: r.body });
  const norm = (a: Answer, id: string) => comparable({ ...a, text: a.text.split(id).join('<id>') });

  // Callers run side by side; within one, the variants in order.
  await Promise.all(
    callers.map(async (caller) => {
      for (const v of variants) {
        routes.add(`${v.op.method} ${v.op.path}`);
        const ghost = newId(v.kind);
        const g = await send(v.op, caller.token, v.build(ghost, caller.userId));
        for (const f of foreign) {
          const id = idOf(f, v.kind);
          const a = await send(v.op, caller.token, v.build(id, caller.userId));
          requests++;
          const same = norm(a, id) === norm(g, ghost);
          // Refused: an error status; or (query filters, the authorization API) the very answer an
          // unknown id gets, which names nothing of the other organization.
          const isRefused = a.status >= 400 || (same && !a.text.includes(id));
          if (isRefused) refused++;
          if (same) identical++;
          if ((!isRefused || !same) && failures.length < 5)
            failures.push(
              `${caller.name}: ${v.op.method} ${v.op.path} ${v.slot} → ${a.status} ${a.text.slice(0, 120)} / unknown id → ${g.status} ${g.text.slice(0, 120)}`,
            );
        }
      }
    }),
  );
  const after = await fingerprint(q, fpSql);
  const changed = tables.filter((t) => before[t] !== after[t]);

  const seconds = (Date.now() - t0) / 1000;
  for (const f of failures) console.error(`   matrix: ${f}`);

  ctx.report.add(
    S,
    "requests naming another organization's ids",
    `${fmt(requests, 0)} (${routes.size} routes × ${callers.length} callers × ${foreignCount} organizations, ${fmt(seconds)} s)`,
    '≥ 1,500',
    requests >= 1500,
  );
  ctx.report.add(S, 'refused', `${fmt((100 * refused) / requests, 2)} % (${requests - refused} accepted)`, '100 %', refused === requests);
  ctx.report.add(
    S,
    'byte-identical to the answer for an unknown id',
    `${fmt((100 * identical) / requests, 2)} %`,
    '100 %',
    identical === requests,
  );
  ctx.report.add(
    S,
    'tables changed (row checksums before/after)',
    `${changed.length}${changed.length ? ` (${changed.join(', ')})` : ''} of ${tables.length}`,
    '0',
    changed.length === 0,
  );
}

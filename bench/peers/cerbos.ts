// Cerbos PDP, the binary of the `cerbos` npm package (its per-platform optional dependency
// `@cerbos/cerbos-<os>-<arch>`), as a platform team runs it: its own process, policies from a
// directory, asked over its HTTP API (`POST /api/check/resources`, CheckResources).
//
// Cerbos is stateless: it holds policies, and the caller sends who the principal is with every
// question. So the same data is split the way a Cerbos deployment splits it:
// - policies: the roles — one rule per built-in role and per custom role of the loaded organizations
//   (its permissions as actions), on two resource kinds: `organization` (a question without a
//   device) and `device` (device-scoped permissions; an Admin or a member with every device may act
//   on any device of the organization, the others on their granted devices);
// - each request: the member's role in the organization asked about (`nonmember` when they are not
//   one), their all-devices flag and granted device ids — what the caller would have looked up — and
//   the device's organization.
// Telemetry is switched off (no traffic leaves the machine), audit logs too.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../test/support/process.js';
import { adopt } from '../phases.js';
import { BUILT_IN_IDS, BUILT_IN_MASKS, PERMISSIONS, ROLE_ADMIN, roleIdOf, SCOPED_FLAG, type World } from '../world.js';
import { asError, waitForHealth, type PeerStart, type Question } from './peer.js';

const binaryPackage = `@cerbos/cerbos-${process.platform}-${process.arch}`;

function policies(w: World, nOrgs: number) {
  const roles: { role: string; mask: ArrayLike<number> }[] = BUILT_IN_IDS.map((role, r) => ({ role, mask: BUILT_IN_MASKS[r]! }));
  for (let o = 0; o < nOrgs; o++) if (w.custom[o]) roles.push({ role: w.custom[o]!.id, mask: w.custom[o]!.mask });
  const actions = (mask: ArrayLike<number>, scoped: boolean) =>
    PERMISSIONS.filter((_, p) => mask[p] === 1 && (!scoped || SCOPED_FLAG[p] === 1));
  const organization = {
    apiVersion: 'api.cerbos.dev/v1',
    resourcePolicy: {
      resource: 'organization',
      version: 'default',
      rules: roles
        .filter((r) => actions(r.mask, false).length > 0)
        .map((r) => ({ actions: actions(r.mask, false), effect: 'EFFECT_ALLOW', roles: [r.role] })),
    },
  };
  const device = {
    apiVersion: 'api.cerbos.dev/v1',
    resourcePolicy: {
      resource: 'device',
      version: 'default',
      rules: roles
        .filter((r) => actions(r.mask, true).length > 0)
        .map((r) => ({
          actions: actions(r.mask, true),
          effect: 'EFFECT_ALLOW',
          roles: [r.role],
          condition: {
            match: {
              expr:
                r.role === BUILT_IN_IDS[ROLE_ADMIN]
                  ? 'R.attr.orgId == P.attr.orgId'
                  : 'R.attr.orgId == P.attr.orgId && (P.attr.allDevices || R.id in P.attr.devices)',
            },
          },
        })),
    },
  };
  return { organization, device, rules: organization.resourcePolicy.rules.length + device.resourcePolicy.rules.length };
}

/** The CheckResources request for one question. */
function request(w: World, { q, k }: Question): string {
  const o = q.org[k]!;
  const m = q.mem[k]!;
  const orgId = w.orgIds[o]!;
  const permission = PERMISSIONS[q.perm[k]!]!;
  const role = m >= 0 ? roleIdOf(w, o, m) : 'nonmember';
  if (q.dev[k]! < 0) {
    return JSON.stringify({
      principal: { id: w.userIds[q.user[k]!]!, roles: [role], attr: { orgId } },
      resources: [{ actions: [permission], resource: { kind: 'organization', id: orgId, attr: {} } }],
    });
  }
  const d = q.dev[k]!;
  const perOrg = w.devStart[1]! - w.devStart[0]!;
  const devices: string[] = [];
  if (m >= 0) for (let g = w.grantStart[m]!; g < w.grantStart[m + 1]!; g++) devices.push(w.deviceIds[w.grantDev[g]!]!);
  return JSON.stringify({
    principal: { id: w.userIds[q.user[k]!]!, roles: [role], attr: { orgId, allDevices: m >= 0 && w.memAll[m] === 1, devices } },
    resources: [
      { actions: [permission], resource: { kind: 'device', id: w.deviceIds[d]!, attr: { orgId: w.orgIds[Math.floor(d / perOrg)]! } } },
    ],
  });
}

export async function startCerbos(w: World, nOrgs: number, questions: Question[], goMaxProcs: number | undefined): Promise<PeerStart> {
  let binary: string;
  let version: string;
  try {
    const require = createRequire(import.meta.url);
    binary = require.resolve(binaryPackage);
    version = (require(`${binaryPackage}/package.json`) as { version: string }).version;
  } catch {
    return {
      skipped: `Cerbos: no binary for ${process.platform}-${process.arch} (npm package ${binaryPackage} not installed; the cerbos package ships linux/darwin × x64/arm64)`,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-cerbos-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const { organization, device, rules } = policies(w, nOrgs);
    const policyDir = join(dir, 'policies');
    mkdirSync(policyDir);
    writeFileSync(join(policyDir, 'organization.json'), JSON.stringify(organization));
    writeFileSync(join(policyDir, 'device.json'), JSON.stringify(device));
    const [http, grpc] = [await freePort(), await freePort()];
    // JSON is YAML: the config file is written as JSON.
    writeFileSync(
      join(dir, 'config.yaml'),
      JSON.stringify({
        server: { httpListenAddr: `127.0.0.1:${http}`, grpcListenAddr: `127.0.0.1:${grpc}` },
        storage: { driver: 'disk', disk: { directory: policyDir, watchForChanges: false } },
        telemetry: { disabled: true },
        audit: { enabled: false },
      }),
    );
    const child = spawn(binary, ['server', `--config=${join(dir, 'config.yaml')}`, '--log-level=error'], {
      // GOMAXPROCS: the cores it is pinned to while loaded (see spicedb.ts).
      env: { ...process.env, CERBOS_NO_TELEMETRY: '1', ...(goMaxProcs === undefined ? {} : { GOMAXPROCS: String(goMaxProcs) }) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    adopt(child, false);
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const url = `http://127.0.0.1:${http}`;
    try {
      await waitForHealth(`${url}/_cerbos/health`, 60_000, () => child.exitCode === null && child.signalCode === null);
    } catch (e) {
      child.kill('SIGKILL');
      await exited;
      cleanup();
      return { skipped: `Cerbos could not start here: ${asError(e)}${stderr ? ` (${stderr.trim().split('\n').at(-1)})` : ''}` };
    }
    return {
      peer: {
        name: 'Cerbos',
        url,
        requests: questions.map((x) => ({
          method: 'POST',
          path: '/api/check/resources',
          body: request(w, x),
          headers: { 'content-type': 'application/json' },
        })),
        allowed: (body) => {
          const r = (body as { results?: { actions?: Record<string, string> }[] }).results?.[0]?.actions;
          return r !== undefined && Object.values(r).length === 1 && Object.values(r)[0] === 'EFFECT_ALLOW';
        },
        pids: [child.pid!],
        how: `cerbos ${version}, own process, HTTP CheckResources; ${rules} policy rules (roles of the first ${nOrgs} orgs); member role, all-devices flag and granted devices sent in each request`,
        async stop() {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
          cleanup();
        },
      },
    };
  } catch (e) {
    cleanup();
    return { skipped: `Cerbos could not be set up: ${asError(e)}` };
  }
}

// The Smart Services registered as OpenID Connect clients: created with the CLI, the secret shown
// once and stored as a SHA-256 hash (a 256-bit random secret needs no slow hash: there is no
// dictionary to try), revoked at once with everything issued to them.
import { timingSafeEqual } from 'node:crypto';
import { hashSecret, newId, newSecret, type Clock, type Random } from '../clock-random.js';
import { fail, type FieldProblem } from '../errors.js';
import type { OidcClientKind, OidcClientRecord, OidcClientsRepo } from './ports.js';

const CLIENT_SECRET_PREFIX = 'gcs_';
const CLIENT_ID_PATTERN = /^app_[0-9a-z]{26}$/;
const MAX_URIS = 20;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const CONTROL_CHARACTER = /\p{Cc}/u;

export interface CreateOidcClientInput {
  name: string;
  kind: OidcClientKind;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
}

export interface OidcClientView {
  id: string;
  name: string;
  kind: OidcClientKind;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

const view = (c: OidcClientRecord): OidcClientView => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  redirectUris: c.redirectUris,
  postLogoutRedirectUris: c.postLogoutRedirectUris,
  createdAt: c.createdAt,
  revokedAt: c.revokedAt,
});

/**
 * A redirect URI a code may be sent to: absolute, https (plain http only to this machine, for
 * development), without fragment or credentials. Compared by exact string match at sign-in.
 */
function uriProblem(raw: string): string | undefined {
  if (raw.length > 2000 || CONTROL_CHARACTER.test(raw)) return 'must be at most 2,000 characters without control characters';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'must be an https:// URL';
  if (u.protocol === 'http:' && !LOOPBACK.has(u.hostname)) return 'must be https:// (http:// only for localhost, 127.0.0.1 or [::1])';
  if (u.hash || raw.includes('#')) return 'must not have a fragment';
  if (u.username || u.password) return 'must not carry credentials';
  return undefined;
}

function validate(input: CreateOidcClientInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100 || CONTROL_CHARACTER.test(name))
    problems.push({ field: '/name', rule: 'length', message: 'The name must be 1 to 100 characters.' });
  for (const [field, uris] of [
    ['redirectUris', input.redirectUris],
    ['postLogoutRedirectUris', input.postLogoutRedirectUris],
  ] as const) {
    if (uris.length > MAX_URIS) problems.push({ field: `/${field}`, rule: 'maxItems', message: `At most ${MAX_URIS} URIs.` });
    uris.forEach((uri, i) => {
      const problem = uriProblem(uri);
      if (problem) problems.push({ field: `/${field}/${i}`, rule: 'format', message: `${uri} ${problem}.` });
    });
  }
  if (input.kind === 'service') {
    if (input.redirectUris.length > 0 || input.postLogoutRedirectUris.length > 0) {
      problems.push({
        field: '/redirectUris',
        rule: 'service',
        message: 'A client-credentials client signs no user in: it takes no redirect URIs.',
      });
    }
  } else if (input.redirectUris.length === 0) {
    problems.push({ field: '/redirectUris', rule: 'minItems', message: 'A client that signs users in needs at least one redirect URI.' });
  }
  return problems;
}

export function createOidcClients(deps: { repo: OidcClientsRepo; clock: Clock; random: Random }) {
  const { repo, clock, random } = deps;
  return {
    /** Registers a client; the secret (confidential and service clients) is in this answer only. */
    async create(input: CreateOidcClientInput): Promise<OidcClientView & { secret: string | null }> {
      const problems = validate(input);
      if (problems.length > 0) fail('request.invalid', { errors: problems });
      const secret = input.kind === 'public' ? null : `${CLIENT_SECRET_PREFIX}${newSecret(random)}`;
      const record = {
        id: newId('app', clock, random),
        name: input.name.trim(),
        kind: input.kind,
        secretHash: secret === null ? null : hashSecret(secret),
        redirectUris: [...new Set(input.redirectUris)],
        postLogoutRedirectUris: [...new Set(input.postLogoutRedirectUris)],
        createdAt: clock.now(),
      };
      await repo.insert(record);
      return { ...view({ ...record, revokedAt: null }), secret };
    },
    async list(): Promise<OidcClientView[]> {
      return (await repo.list()).map(view);
    },
    /** Revokes the client: its tokens and grants are deleted; every instance refuses it at once (no cache). */
    revoke(id: string): Promise<boolean> {
      return repo.revoke(id, clock.now());
    },
    find: (id: string) => (CLIENT_ID_PATTERN.test(id) ? repo.findActive(id) : Promise.resolve(undefined)),
  };
}

/** Constant-time comparison of a presented client secret with the stored SHA-256 hash. */
export function secretMatches(storedHash: string | null | undefined, presented: string): boolean {
  if (!storedHash || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(storedHash, 'hex'), Buffer.from(hashSecret(presented), 'hex'));
}

export type OidcClients = ReturnType<typeof createOidcClients>;

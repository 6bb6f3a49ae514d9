// SQL for the OpenID Connect provider: registered clients, the provider's state (the adapter's
// rows) and its sealed keys. Works through `Db`, so on PGlite and on a PostgreSQL server alike.
import type { Db, Queryable } from './db.js';
import type {
  OidcAccountStateRepo,
  OidcClientRecord,
  OidcClientsRepo,
  OidcKeysRepo,
  OidcSessionLinksRepo,
  OidcStateRepo,
  OidcStateRow,
  OidcStore,
  StoredOidcKey,
} from '../core/oidc/ports.js';

type Row = Record<string, unknown>;

const KEYS_LOCK = 7_270_212; // advisory lock: "creating OIDC keys" (migrations use 7_270_211)

function toClient(r: Row): OidcClientRecord {
  return {
    id: r.id as string,
    name: r.name as string,
    kind: r.kind as OidcClientRecord['kind'],
    secretHash: (r.secret_hash as string | null) ?? null,
    redirectUris: (r.redirect_uris as string[] | null) ?? [],
    postLogoutRedirectUris: (r.post_logout_redirect_uris as string[] | null) ?? [],
    createdAt: r.created_at as Date,
    revokedAt: (r.revoked_at as Date | null) ?? null,
  };
}

const clientCols = 'id, name, kind, secret_hash, redirect_uris, post_logout_redirect_uris, created_at, revoked_at';

function clientsRepo(db: Db): OidcClientsRepo {
  return {
    async insert(c) {
      await db.query(
        `INSERT INTO oidc_clients (id, name, kind, secret_hash, redirect_uris, post_logout_redirect_uris, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [c.id, c.name, c.kind, c.secretHash, c.redirectUris, c.postLogoutRedirectUris, c.createdAt],
      );
    },
    async findActive(id) {
      const [r] = await db.query(`SELECT ${clientCols} FROM oidc_clients WHERE id = $1 AND revoked_at IS NULL`, [id]);
      return r && toClient(r);
    },
    async list() {
      return (await db.query(`SELECT ${clientCols} FROM oidc_clients ORDER BY created_at, id`)).map(toClient);
    },
    async revoke(id, now) {
      return db.transaction(async (tx) => {
        const rows = await tx.query(`UPDATE oidc_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, now]);
        if (rows.length === 0) return false;
        // Its grants, codes and tokens go with it: nothing issued to a revoked client stays valid.
        await tx.query(`DELETE FROM oidc_payloads WHERE payload ->> 'clientId' = $1`, [id]);
        return true;
      });
    },
  };
}

function toState(r: Row): OidcStateRow {
  return { payload: r.payload as Record<string, unknown>, consumedAt: (r.consumed_at as Date | null) ?? null };
}

/** Ends provider rows: emptied tombstones (see migration 008) that reads skip and upserts leave alone. */
const END = `ended = true, payload = '{}'::jsonb, grant_id = NULL, uid = NULL, user_code = NULL, org_id = NULL`;

/** Not expired, and not ended by a credential event (an ended row is only a tombstone). */
const live = `(expires_at IS NULL OR expires_at > $3) AND NOT ended`;

function stateRepo(q: Queryable): OidcStateRepo {
  /** The live row of `kind` whose `column` (one of these three, never input) is `value`. */
  const findBy =
    (column: 'id' | 'uid' | 'user_code') =>
    async (kind: string, value: string, now: Date): Promise<OidcStateRow | undefined> => {
      const [r] = await q.query(`SELECT payload, consumed_at FROM oidc_payloads WHERE kind = $1 AND ${column} = $2 AND ${live}`, [
        kind,
        value,
        now,
      ]);
      return r && toState(r);
    };
  return {
    async upsert(kind, id, payload, expiresAt) {
      const str = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : null);
      // org_id and consumed_at are not the payload's: an update of the payload keeps them. An ended
      // row (credential event) is never written back: it stays ended until it expires.
      await q.query(
        `INSERT INTO oidc_payloads (kind, id, payload, grant_id, uid, user_code, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid,
           user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at
         WHERE NOT oidc_payloads.ended`,
        [kind, id, JSON.stringify(payload), str('grantId'), str('uid'), str('userCode'), expiresAt],
      );
    },
    find: findBy('id'),
    findByUid: findBy('uid'),
    findByUserCode: findBy('user_code'),
    async consume(kind, id, now) {
      await q.query(`UPDATE oidc_payloads SET consumed_at = $3 WHERE kind = $1 AND id = $2 AND consumed_at IS NULL AND NOT ended`, [
        kind,
        id,
        now,
      ]);
    },
    async destroy(kind, id) {
      await q.query(`DELETE FROM oidc_payloads WHERE kind = $1 AND id = $2`, [kind, id]);
    },
    async revokeByGrantId(kind, grantId) {
      await q.query(`DELETE FROM oidc_payloads WHERE kind = $1 AND grant_id = $2`, [kind, grantId]);
    },
    async setGrantOrganization(grantId, orgId) {
      const rows = await q.query(`UPDATE oidc_payloads SET org_id = $2 WHERE kind = 'Grant' AND id = $1 RETURNING id`, [grantId, orgId]);
      if (rows.length !== 1) throw new Error(`grant ${grantId} not found`);
    },
    async grantOrganization(grantId) {
      const [r] = await q.query<{ org_id: string | null }>(
        `SELECT org_id FROM oidc_payloads WHERE kind = 'Grant' AND id = $1 AND NOT ended`,
        [grantId],
      );
      return r?.org_id ?? undefined;
    },
    async endAuthorization(grantId, sessionUid) {
      await q.query(
        `UPDATE oidc_payloads SET ${END}
         WHERE NOT ended AND ((kind = 'Grant' AND id = $1) OR grant_id = $1 OR (kind = 'Session' AND uid = $2))`,
        [grantId ?? null, sessionUid],
      );
    },
    async deleteExpired(now) {
      const rows = await q.query(`DELETE FROM oidc_payloads WHERE expires_at <= $1 RETURNING 1`, [now]);
      await q.query(`DELETE FROM oidc_session_links WHERE expires_at <= $1`, [now]);
      return rows.length;
    },
  };
}

/**
 * A user's provider state as a whole, on the queryable of the credential event's transaction
 * (`Repos.oidc`). Ending a grant's row is what ends its tokens for certain: the provider looks the
 * grant up at every use of a code, refresh token or access token (userinfo, introspection), so a
 * token row written by a refresh racing the event is dead too, and the grant cannot come back.
 */
export function oidcAccountStateRepo(q: Queryable): OidcAccountStateRepo {
  return {
    async endAllOfUser(userId) {
      const rows = await q.query(`UPDATE oidc_payloads SET ${END} WHERE account_id = $1 AND NOT ended RETURNING 1`, [userId]);
      await q.query(`DELETE FROM oidc_session_links WHERE user_id = $1`, [userId]);
      return rows.length;
    },
    async endSignedInThrough(gatehouseSessionId) {
      // The links of the session, the provider sessions they name, then the grants those sessions
      // authorized (all but those that persist a logout: offline access) with everything issued
      // under them. One statement: its snapshot sees every link committed before it.
      const rows = await q.query<{ n: number | string }>(
        `WITH links AS (
           DELETE FROM oidc_session_links WHERE gatehouse_session_id = $1 RETURNING session_uid
         ), sessions AS (
           SELECT id, payload FROM oidc_payloads
           WHERE kind = 'Session' AND uid IN (SELECT session_uid FROM links) AND NOT ended FOR UPDATE
         ), grants AS (
           SELECT a.value ->> 'grantId' AS grant_id
           FROM sessions, jsonb_each(CASE WHEN jsonb_typeof(sessions.payload -> 'authorizations') = 'object' THEN sessions.payload -> 'authorizations' ELSE '{}'::jsonb END) AS a
           WHERE a.value ->> 'grantId' IS NOT NULL AND coalesce(a.value ->> 'persistsLogout', 'false') <> 'true'
         ), ended AS (
           UPDATE oidc_payloads SET ${END}
           WHERE NOT ended AND (
             (kind = 'Session' AND id IN (SELECT id FROM sessions))
             OR (kind = 'Grant' AND id IN (SELECT grant_id FROM grants))
             OR grant_id IN (SELECT grant_id FROM grants))
           RETURNING 1
         )
         SELECT count(*) AS n FROM ended`,
        [gatehouseSessionId],
      );
      return Number(rows[0]?.n ?? 0);
    },
  };
}

function sessionLinksRepo(db: Db): OidcSessionLinksRepo {
  return {
    linkToLiveSession(link) {
      return db.transaction(async (tx) => {
        // FOR KEY SHARE: a concurrent DELETE of the session waits for this transaction, or this
        // statement waits for that DELETE to commit and then finds no row.
        const live = await tx.query(`SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 FOR KEY SHARE`, [
          link.gatehouseSessionId,
          link.userId,
        ]);
        if (live.length === 0) return false;
        await tx.query(
          `INSERT INTO oidc_session_links (session_uid, gatehouse_session_id, user_id, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (session_uid) DO UPDATE SET gatehouse_session_id = EXCLUDED.gatehouse_session_id, user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at`,
          [link.sessionUid, link.gatehouseSessionId, link.userId, link.expiresAt],
        );
        return true;
      });
    },
  };
}

function toKey(r: Row): StoredOidcKey {
  return {
    kid: r.kid as string,
    use: r.use as StoredOidcKey['use'],
    alg: (r.alg as string | null) ?? null,
    sealed: r.sealed as string,
    createdAt: r.created_at as Date,
    activeFrom: r.active_from as Date,
  };
}

function keysRepo(q: Queryable, db: Db): OidcKeysRepo {
  const repo: OidcKeysRepo = {
    async list() {
      return (
        await q.query(`SELECT kid, use, alg, sealed, created_at, active_from FROM oidc_keys ORDER BY use, active_from DESC, kid`)
      ).map(toKey);
    },
    async insert(k) {
      await q.query(`INSERT INTO oidc_keys (kid, use, alg, sealed, created_at, active_from) VALUES ($1, $2, $3, $4, $5, $6)`, [
        k.kid,
        k.use,
        k.alg,
        k.sealed,
        k.createdAt,
        k.activeFrom,
      ]);
    },
    async delete(kids) {
      if (kids.length > 0) await q.query(`DELETE FROM oidc_keys WHERE kid = ANY($1::text[])`, [[...kids]]);
    },
    exclusive(fn) {
      return db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [KEYS_LOCK]);
        return fn(keysRepo(tx, db));
      });
    },
  };
  return repo;
}

export function makeOidcStore(db: Db): OidcStore {
  return { clients: clientsRepo(db), state: stateRepo(db), keys: keysRepo(db, db), links: sessionLinksRepo(db) };
}

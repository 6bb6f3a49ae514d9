// SQL for second factors: TOTP authenticators, recovery codes, passkeys, and the short-lived
// single-use challenges of sign-ins and WebAuthn ceremonies (migration 016).
import type { ChallengePurpose, ChallengeRecord, MfaRepo, PasskeyRecord } from '../core/mfa/ports.js';
import type { Queryable } from './db.js';
import { sql } from './sql.js';

type Row = Record<string, unknown>;

function toPasskey(r: Row): PasskeyRecord {
  return {
    id: r.id as string,
    userId: r.user_id as string,
    credentialId: r.credential_id as string,
    publicKey: r.public_key as string,
    counter: Number(r.counter),
    transports: (r.transports as string[] | null) ?? [],
    deviceType: r.device_type as string,
    backedUp: r.backed_up as boolean,
    name: r.name as string,
    createdAt: r.created_at as Date,
    lastUsedAt: (r.last_used_at as Date | null) ?? null,
  };
}

const toChallenge = (r: Row): ChallengeRecord => ({
  purpose: r.purpose as ChallengePurpose,
  userId: (r.user_id as string | null) ?? null,
  challenge: (r.challenge as string | null) ?? null,
  attempts: r.attempts as number,
  expiresAt: r.expires_at as Date,
});

const passkeyColumns = sql`id, user_id, credential_id, public_key, counter, transports, device_type, backed_up, name, created_at, last_used_at`;
const challengeColumns = sql`purpose, user_id, challenge, attempts, expires_at`;

export function mfaRepo(q: Queryable): MfaRepo {
  return {
    async summary(userId) {
      const [r] = await q.query<{ totp: boolean; passkeys: number; codes: number }>(sql`
        SELECT EXISTS (SELECT 1 FROM user_totp WHERE user_id = ${userId} AND enabled_at IS NOT NULL) AS totp,
               (SELECT count(*)::int FROM user_passkeys WHERE user_id = ${userId}) AS passkeys,
               (SELECT count(*)::int FROM user_recovery_codes WHERE user_id = ${userId} AND used_at IS NULL) AS codes`);
      return { totp: r!.totp, passkeys: r!.passkeys, recoveryCodesLeft: r!.codes };
    },

    async findTotp(userId) {
      const [r] = await q.query(
        sql`SELECT user_id, secret_sealed, created_at, enabled_at, last_step FROM user_totp WHERE user_id = ${userId}`,
      );
      return (
        r && {
          userId: r.user_id as string,
          secretSealed: r.secret_sealed as string,
          createdAt: r.created_at as Date,
          enabledAt: (r.enabled_at as Date | null) ?? null,
          lastStep: r.last_step === null ? null : Number(r.last_step),
        }
      );
    },
    async putPendingTotp(userId, secretSealed, now) {
      // An enabled authenticator is never replaced here (the WHERE): only a pending enrolment restarts.
      await q.query(sql`
        INSERT INTO user_totp (user_id, secret_sealed, created_at) VALUES (${userId}, ${secretSealed}, ${now})
        ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = EXCLUDED.created_at
         WHERE user_totp.enabled_at IS NULL`);
    },
    async enableTotp(userId, step, now) {
      await q.query(sql`UPDATE user_totp SET enabled_at = ${now}, last_step = ${step} WHERE user_id = ${userId}`);
    },
    async claimTotpStep(userId, step) {
      const rows = await q.query(sql`
        UPDATE user_totp SET last_step = ${step}
         WHERE user_id = ${userId} AND enabled_at IS NOT NULL AND (last_step IS NULL OR last_step < ${step}) RETURNING user_id`);
      return rows.length === 1;
    },
    async deleteTotp(userId) {
      return (await q.query(sql`DELETE FROM user_totp WHERE user_id = ${userId} RETURNING user_id`)).length === 1;
    },

    async replaceRecoveryCodes(userId, codeHashes, now) {
      await q.query(sql`DELETE FROM user_recovery_codes WHERE user_id = ${userId}`);
      await q.query(sql`
        INSERT INTO user_recovery_codes (user_id, code_hash, created_at)
        SELECT ${userId}, h, ${now} FROM unnest(${[...codeHashes]}::text[]) AS h`);
    },
    async spendRecoveryCode(userId, codeHash, now) {
      const rows = await q.query(sql`
        UPDATE user_recovery_codes SET used_at = ${now}
         WHERE user_id = ${userId} AND code_hash = ${codeHash} AND used_at IS NULL RETURNING user_id`);
      return rows.length === 1;
    },
    async deleteRecoveryCodes(userId) {
      await q.query(sql`DELETE FROM user_recovery_codes WHERE user_id = ${userId}`);
    },

    async insertPasskey(p) {
      const rows = await q.query(sql`
        INSERT INTO user_passkeys (id, user_id, credential_id, public_key, counter, transports, device_type, backed_up, name, created_at)
        VALUES (${p.id}, ${p.userId}, ${p.credentialId}, ${p.publicKey}, ${p.counter}, ${p.transports}::text[], ${p.deviceType},
                ${p.backedUp}, ${p.name}, ${p.createdAt})
        ON CONFLICT (credential_id) DO NOTHING RETURNING id`);
      return rows.length === 1;
    },
    async listPasskeys(userId) {
      return (await q.query(sql`SELECT ${passkeyColumns} FROM user_passkeys WHERE user_id = ${userId} ORDER BY created_at, id`)).map(
        toPasskey,
      );
    },
    async findPasskeyByCredentialId(credentialId) {
      const [r] = await q.query(sql`SELECT ${passkeyColumns} FROM user_passkeys WHERE credential_id = ${credentialId}`);
      return r && toPasskey(r);
    },
    async renamePasskey(userId, id, name) {
      const [r] = await q.query(
        sql`UPDATE user_passkeys SET name = ${name} WHERE id = ${id} AND user_id = ${userId} RETURNING ${passkeyColumns}`,
      );
      return r && toPasskey(r);
    },
    async deletePasskey(userId, id) {
      const [r] = await q.query(sql`DELETE FROM user_passkeys WHERE id = ${id} AND user_id = ${userId} RETURNING ${passkeyColumns}`);
      return r && toPasskey(r);
    },
    async recordPasskeyUse(id, counter, now) {
      await q.query(sql`UPDATE user_passkeys SET counter = greatest(counter, ${counter}), last_used_at = ${now} WHERE id = ${id}`);
    },
    async deleteAllPasskeys(userId) {
      return (await q.query(sql`DELETE FROM user_passkeys WHERE user_id = ${userId} RETURNING id`)).length;
    },

    async insertChallenge(handleHash, c, now) {
      await q.query(sql`
        INSERT INTO auth_challenges (handle_hash, purpose, user_id, challenge, attempts, created_at, expires_at)
        VALUES (${handleHash}, ${c.purpose}, ${c.userId}, ${c.challenge}, ${c.attempts}, ${now}, ${c.expiresAt})`);
    },
    async findChallenge(handleHash, purpose, now) {
      const [r] = await q.query(sql`
        SELECT ${challengeColumns} FROM auth_challenges
         WHERE handle_hash = ${handleHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}`);
      return r && toChallenge(r);
    },
    async attemptChallenge(handleHash, purpose, now, maxAttempts) {
      const [r] = await q.query(sql`
        UPDATE auth_challenges SET attempts = attempts + 1
         WHERE handle_hash = ${handleHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
           AND attempts < ${maxAttempts}
         RETURNING ${challengeColumns}`);
      return r && toChallenge(r);
    },
    async consumeChallenge(handleHash, purpose, now) {
      const [r] = await q.query(sql`
        UPDATE auth_challenges SET used_at = ${now}
         WHERE handle_hash = ${handleHash} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > ${now}
         RETURNING ${challengeColumns}`);
      return r && toChallenge(r);
    },
    async deleteExpiredChallenges(now) {
      return (await q.query(sql`DELETE FROM auth_challenges WHERE expires_at <= ${now} RETURNING purpose`)).length;
    },

    async countMembersWithoutFactor(orgId) {
      const [r] = await q.query<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM memberships m
         WHERE m.org_id = ${orgId}
           AND NOT EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = m.user_id AND t.enabled_at IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM user_passkeys p WHERE p.user_id = m.user_id)`);
      return r!.n;
    },
  };
}

// TOTP (RFC 6238) through `otpauth`: SHA-1, 6 digits, 30-second steps, a code of the step before or
// after also accepted (clock drift). Pure: the time is the caller's (the service's clock).
import { Secret, TOTP } from 'otpauth';
import type { Random } from '../clock-random.js';

const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** Steps either side of now that are accepted. */
const TOTP_WINDOW = 1;
/** 160 bits, the size RFC 4226 recommends for the shared secret (= an SHA-1 block's key). */
const SECRET_BYTES = 20;
const ISSUER = 'Gatehouse';

export function newTotpSecret(random: Random): string {
  return new Secret({ buffer: new Uint8Array(random.bytes(SECRET_BYTES)).buffer }).base32;
}

function totp(secretBase32: string, label = '') {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://` URI authenticator apps read from the QR code. */
export function totpUri(secretBase32: string, accountName: string): string {
  return totp(secretBase32, accountName).toString();
}

export const totpStepAt = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The step the code belongs to, if it is valid at `now` (± one step); `undefined` otherwise. The
 * caller refuses steps not newer than the last accepted one (replay).
 */
export function totpStepOf(secretBase32: string, code: string, now: Date): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? undefined : totpStepAt(now) + delta;
}

/** The code of a step (tests and the software authenticator of the tests use it). */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

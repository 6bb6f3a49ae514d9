// How a session was signed in, as OpenID Connect's `amr` (RFC 8176) names it: `pwd` a password,
// `otp` a one-time code (TOTP, or a recovery code, which is a one-time password too), `hwk` a key
// bound to its hardware (a passkey that is not synced), `swk` a key held in software (a synced
// passkey: it leaves the device). A session has a second factor when it holds one of the last three.

export type AuthMethod = 'pwd' | 'otp' | 'hwk' | 'swk';

const SECOND_FACTORS: ReadonlySet<string> = new Set(['otp', 'hwk', 'swk']);

export const hasSecondFactor = (amr: readonly string[]) => amr.some((m) => SECOND_FACTORS.has(m));

/** A passkey's method: synced (`multiDevice`) keys are software keys. */
export const passkeyMethod = (deviceType: string): AuthMethod => (deviceType === 'multiDevice' ? 'swk' : 'hwk');

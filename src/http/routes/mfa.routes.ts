// Second factors and passkeys (IDENTITY.md "Second factors"): the signed-in user's own factors under
// /me, and the sign-in steps under /auth that end in a session (as /auth/login does).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Core } from '../../core/core.js';
import { actorOf, type SessionCookie } from '../auth.js';
import { DateTime, Id, NoContent, Password, PlainText, Strict, Token, responses } from '../schemas.js';
import { LoginAnswer } from './auth.routes.js';

export interface MfaRoutesOptions {
  core: Core;
  cookie: SessionCookie;
  sessionMaxAgeMs: number;
}

const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code the authenticator app shows now.' });
const RecoveryCode = Type.String({
  minLength: 16,
  maxLength: 40,
  pattern: '^[0-9A-Za-z -]+$',
  description: 'One of the recovery codes (`xxxx-xxxx-xxxx-xxxx`; case, spaces and dashes do not matter). Each works once.',
});
/** A WebAuthn response as `@simplewebauthn/browser` returns it (JSON); verified by the service. */
// The browser's JSON as the WebAuthn standard defines it (its extensions may grow): open, and read
// field by field by @simplewebauthn/server. `x-standard` marks it so for the OpenAPI tests.
const WebAuthnResponse = (description: string) =>
  Type.Object({}, { additionalProperties: true, description, maxProperties: 16, 'x-standard': 'WebAuthn' });
const RecoveryCodes = Strict({
  recoveryCodes: Type.Array(Type.String(), {
    minItems: 10,
    maxItems: 10,
    description: 'Shown this once: only their hashes are kept. Each signs in once instead of a second factor.',
  }),
});
/** One current factor of the signed-in user, for a sensitive change (also deleting the account, me.routes.ts). */
export const FactorProofFields = {
  code: Type.Optional(TotpCode),
  recoveryCode: Type.Optional(RecoveryCode),
  passkeyResponse: Type.Optional(
    WebAuthnResponse('An assertion for options from `POST /auth/passkey/options` (without `mfaToken`), of one of your passkeys.'),
  ),
};
/** Turning a factor off or making new recovery codes: the password and one current factor. */
const Reauthentication = Strict({ password: Type.Optional(Password), ...FactorProofFields });
/** What a wrong or missing confirmation answers (the same for every route that asks for one). */
export const REAUTH_ERRORS =
  'Missing one of them: 403 `auth.reauthentication_required`; a wrong password 403 `auth.wrong_password`, a wrong factor 403 `auth.wrong_second_factor` (both counted; 429 `auth.throttled` past the limit).';
const REAUTH_TEXT = `Needs your \`password\` and one current factor: \`code\` (authenticator app), \`recoveryCode\` or \`passkeyResponse\`. ${REAUTH_ERRORS}`;
const PasskeyName = PlainText(100, { description: 'Your name for it ("Laptop", "YubiKey").' });
const Passkey = Strict({
  id: Type.String(),
  name: Type.String(),
  deviceType: Type.Union([Type.Literal('singleDevice'), Type.Literal('multiDevice')], {
    description: '`multiDevice`: a synced passkey (OpenID Connect `amr` `swk`); `singleDevice`: bound to its authenticator (`hwk`).',
  }),
  backedUp: Type.Boolean(),
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
});
const PasskeyParams = Strict({ id: Id('pky') });
/**
 * `/me/passkeys/{id}`, where the id is never `options`: that path is the POST of its own route, and a
 * PATCH or DELETE of it is a 405 naming POST (not a passkey id refused as invalid).
 */
const PASSKEY_PATH = '/me/passkeys/:id(^(?!options$).+$)';
/** Recovery codes are shown once: an Idempotency-Key replay never repeats them (GET /me counts them). */
const codesShownOnce = { fields: ['recoveryCodes'], readAt: () => '/me' } as const;
const Options = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const mfaRoutes: FastifyPluginAsyncTypebox<MfaRoutesOptions> = async (app, { core, cookie, sessionMaxAgeMs }) => {
  const tags = ['Second factors and passkeys'];
  const user = { auth: 'user' as const };
  const ctx = (req: { ip: string; headers: Record<string, unknown> }) => ({
    ip: req.ip,
    userAgent: req.headers['user-agent'] as string | undefined,
  });
  const signedIn = <T extends { token: string }>(reply: FastifyReply, result: T) => {
    reply.setCookie(cookie.name, result.token, { ...cookie.attributes, maxAge: Math.floor(sessionMaxAgeMs / 1000) });
    return result;
  };

  // ---- The authenticator app (TOTP) and recovery codes.

  app.post(
    '/me/mfa/totp',
    {
      config: user,
      schema: {
        tags,
        summary: 'Start setting up an authenticator app (TOTP)',
        description:
          'A new secret (RFC 6238: SHA-1, 6 digits, 30 s), as text, as an `otpauth://` URI and as that URI in a QR code (SVG). Nothing is enabled until `POST /me/mfa/totp/confirm` gets a first code; asking again replaces an unconfirmed secret. 409 `mfa.totp_already_enabled` while one is enabled.',
        response: responses(
          {
            200: Strict({
              secret: Type.String({ description: 'Base32, for typing into the app.' }),
              otpauthUri: Type.String(),
              qrSvg: Type.String({ description: 'An SVG document of the QR code of `otpauthUri`.' }),
            }),
          },
          401,
          409,
        ),
      },
    },
    async (req) => core.accounts.startTotp(actorOf(req)),
  );

  app.post(
    '/me/mfa/totp/confirm',
    {
      config: { ...user, idempotent: true, shownOnce: codesShownOnce },
      schema: {
        tags,
        summary: 'Enable the authenticator app with a first code; returns 10 recovery codes, once',
        description:
          'A wrong code is 400 `mfa.code_invalid`. On success this session counts as signed in with a second factor, the earlier recovery codes are replaced, and you are mailed. A retry with the same `Idempotency-Key` is 409 `idempotency.secret_not_replayed` (the codes are not kept).',
        body: Strict({ code: TotpCode }),
        response: responses({ 200: RecoveryCodes }, 401, 409),
      },
    },
    async (req) => core.accounts.confirmTotp(actorOf(req), req.body),
  );

  app.delete(
    '/me/mfa/totp',
    {
      config: { ...user, idempotent: true },
      schema: {
        tags,
        summary: 'Turn the authenticator app off',
        description: `${REAUTH_TEXT} Your last factor takes the recovery codes with it. 409 \`mfa.no_factor\` when no app is enabled.`,
        body: Reauthentication,
        response: responses({ 204: NoContent }, 401, 403, 409),
      },
    },
    async (req, reply) => {
      await core.accounts.disableTotp(actorOf(req), req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/me/mfa/recovery-codes',
    {
      config: { ...user, idempotent: true, shownOnce: codesShownOnce },
      schema: {
        tags,
        summary: 'Make 10 new recovery codes (the earlier ones stop working)',
        description: `${REAUTH_TEXT} 409 \`mfa.no_factor\` without a second factor. An \`Idempotency-Key\` retry is 409 \`idempotency.secret_not_replayed\` (the codes are not kept).`,
        body: Reauthentication,
        response: responses({ 200: RecoveryCodes }, 401, 403, 409),
      },
    },
    async (req) => core.accounts.regenerateRecoveryCodes(actorOf(req), req.body),
  );

  // ---- Passkeys.

  app.post(
    '/me/passkeys/options',
    {
      config: user,
      schema: {
        tags,
        summary: 'Creation options for a new passkey',
        description:
          'For `startRegistration()` of `@simplewebauthn/browser`: a discoverable credential (resident key) with user verification, for the relying party of `PUBLIC_URL`. The challenge is stored for 5 minutes and works once.',
        response: responses({ 200: Options('PublicKeyCredentialCreationOptionsJSON (WebAuthn Level 3).') }, 401),
      },
    },
    async (req) => core.accounts.passkeyRegistrationOptions(actorOf(req)),
  );

  app.post(
    '/me/passkeys',
    {
      config: { ...user, idempotent: true, shownOnce: codesShownOnce },
      schema: {
        tags,
        summary: 'Register a passkey',
        description:
          'The response of `startRegistration()` for options from `POST /me/passkeys/options`, and a name. 400 `passkey.invalid` when it does not verify (or its options expired or were used), 409 `passkey.already_registered`. Your first second factor brings 10 recovery codes (shown this once; otherwise `recoveryCodes` is null). This session counts as signed in with the passkey from now on.',
        body: Strict({ response: WebAuthnResponse('RegistrationResponseJSON'), name: PasskeyName }),
        response: responses(
          { 201: Strict({ passkey: Passkey, recoveryCodes: Type.Union([Type.Array(Type.String()), Type.Null()]) }) },
          401,
          409,
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await core.accounts.registerPasskey(actorOf(req), req.body)),
  );

  app.get(
    '/me/passkeys',
    { config: user, schema: { tags, summary: 'Your passkeys', response: responses({ 200: Strict({ items: Type.Array(Passkey) }) }, 401) } },
    async (req) => core.accounts.listPasskeys(actorOf(req)),
  );

  app.patch(
    PASSKEY_PATH,
    {
      config: { ...user, idempotent: true },
      schema: {
        tags,
        summary: 'Rename a passkey',
        params: PasskeyParams,
        body: Strict({ name: PasskeyName }),
        response: responses({ 200: Passkey }, 401, 404),
      },
    },
    async (req) => core.accounts.renamePasskey(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    PASSKEY_PATH,
    {
      config: { ...user, idempotent: true },
      schema: {
        tags,
        summary: 'Remove a passkey',
        description: `A factor turned off, like the authenticator app: ${REAUTH_TEXT} The current factor may be this very passkey. Your last factor takes the recovery codes with it. Someone else's passkey is 404 \`passkey.not_found\`.`,
        params: PasskeyParams,
        body: Reauthentication,
        response: responses({ 204: NoContent }, 401, 403, 404),
      },
    },
    async (req, reply) => {
      await core.accounts.deletePasskey(actorOf(req), req.params.id, req.body);
      return reply.code(204).send();
    },
  );

  // ---- Signing in.

  app.post(
    '/auth/login/mfa',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Finish a sign-in with the second factor',
        description:
          'The `mfaToken` of `POST /auth/login` (valid 5 minutes, for 5 tries) and exactly one of `code`, `recoveryCode` or `passkeyResponse` (an assertion for options from `POST /auth/passkey/options` with this `mfaToken`). Answers as `/auth/login` does and sets the session cookie. A wrong factor is 401 `auth.invalid_second_factor`, counted against the login throttle (429 `auth.throttled`); an expired, used or exhausted token 401 `auth.mfa_token_invalid`. A code is accepted once.',
        body: Strict({
          mfaToken: Token,
          code: Type.Optional(TotpCode),
          recoveryCode: Type.Optional(RecoveryCode),
          passkeyResponse: Type.Optional(WebAuthnResponse('AuthenticationResponseJSON')),
        }),
        response: responses({ 200: LoginAnswer }, 401),
      },
    },
    async (req, reply) => signedIn(reply, await core.accounts.loginWithSecondFactor(req.body, ctx(req))),
  );

  app.post(
    '/auth/passkey/options',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Request options for signing in with a passkey',
        description:
          "For `startAuthentication()` of `@simplewebauthn/browser`, user verification required. Without a body (or without `mfaToken`): any passkey of this site (password-less sign-in with `POST /auth/passkey`, or confirming a change). With the `mfaToken` of a pending sign-in: that person's passkeys, for `POST /auth/login/mfa`. The challenge is stored for 5 minutes and works once. Limited per client address (`LOGIN_IP_MAX_ATTEMPTS` an hour, IPv6 by /64: then 429 `request.throttled`).",
        body: Strict({ mfaToken: Type.Optional(Token) }),
        response: responses({ 200: Options('PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3).') }, 401, 429),
      },
      // No body at all is the same as `{}` (a password-less sign-in has nothing to send).
      preValidation: async (req) => {
        req.body ??= {};
      },
    },
    async (req) => core.accounts.passkeyLoginOptions({ mfaToken: req.body.mfaToken }, ctx(req)),
  );

  app.post(
    '/auth/passkey',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in with a passkey, without a password',
        description:
          'The response of `startAuthentication()` for options from `POST /auth/passkey/options`. Answers as `/auth/login` does and sets the session cookie; the session counts as signed in with a second factor (a passkey with user verification is two factors in one: OpenID Connect `amr` `hwk` or `swk`). Anything that does not verify is 401 `auth.passkey_invalid`.',
        body: Strict({ response: WebAuthnResponse('AuthenticationResponseJSON') }),
        response: responses({ 200: LoginAnswer }, 401, 403),
      },
    },
    async (req, reply) => signedIn(reply, await core.accounts.loginWithPasskey(req.body, ctx(req))),
  );
};

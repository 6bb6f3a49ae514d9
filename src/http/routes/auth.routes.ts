import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import type { SessionCookie } from '../auth.js';
import { actorOf } from '../auth.js';
import { LOCALES, localeFromAcceptLanguage } from '../../core/locale.js';
import { passwordRules, type PasswordPolicyMode, type PasswordRule } from '../../core/passwords/password-policy.js';
import { Accepted, Email, Name, NoContent, Password, Strict, Token, User, DateTime, responses } from '../schemas.js';

export interface AuthRoutesOptions {
  core: Core;
  cookie: SessionCookie;
  sessionMaxAgeMs: number;
  passwordPolicy: PasswordPolicyMode;
}

const verificationSent = { status: 'verification_sent' } as const;

/** A session: what every way of signing in ends with. */
export const LoginAnswer = Strict({
  token: Type.String(),
  expiresAt: DateTime,
  user: User,
  activeOrganizationId: Type.Union([Type.String(), Type.Null()]),
});

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { core, cookie, sessionMaxAgeMs, passwordPolicy }) => {
  const tags = ['Accounts and sessions'];
  const ctx = (req: { ip: string; headers: Record<string, unknown> }) => ({
    ip: req.ip,
    userAgent: req.headers['user-agent'] as string | undefined,
  });

  app.post(
    '/auth/signup',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Create an account and its own organization',
        description:
          'Always answers 202 `verification_sent`, whether or not the address already has an account (its owner gets a notice mail instead), so the answer reveals nothing. A sign-up for an address that is not verified yet replaces that account\'s password, names and language and ends its earlier links. Limited per client address (`SIGNUPS_PER_ADDRESS_PER_HOUR`, IPv6 by /64: then 429 `request.throttled`). Creates "<firstName>\'s organization" with the user as Admin and mails a `verify-email` link. With `invitationToken`, that invitation is accepted once the address is verified (if it was sent to this address).',
        body: Strict({
          email: Email,
          password: Password,
          firstName: Name,
          lastName: Name,
          invitationToken: Type.Optional(Token),
          locale: Type.Optional(
            Type.Union(
              LOCALES.map((l) => Type.Literal(l)),
              {
                description:
                  'The language of the new account (its mails are written in it; changeable with `PATCH /me`). Without it, the best of `Accept-Language`, else `en`.',
              },
            ),
          ),
        }),
        response: responses({ 202: Accepted }),
      },
    },
    async (req, reply) => {
      await core.accounts.signup(
        { ...req.body, locale: req.body.locale ?? localeFromAcceptLanguage(req.headers['accept-language']) },
        ctx(req),
      );
      return reply.code(202).send(verificationSent);
    },
  );

  // The rules of the configured policy, so that sign-up and reset forms can show them live while the
  // user types. Only a preview: the server's check (400 `password.too_weak` with `errors[]`) decides,
  // and the blocklist is not published (it is only ever checked here).
  const policy = passwordRules(passwordPolicy);
  const ruleKeys: PasswordRule[] = [
    'min_length',
    ...(policy.composition ? (['lowercase', 'uppercase', 'digit', 'special'] as const) : []),
    'blocklisted',
    'contains_email',
  ];
  const policyAnswer = { mode: passwordPolicy, minLength: policy.minLength, maxLength: policy.maxLength, rules: ruleKeys };
  app.get(
    '/auth/password-policy',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The password rules in force',
        description:
          "What sign-up, reset and change check (`PASSWORD_POLICY`), for forms that show the rules as the user types. `rules` names the checks, as in `password.too_weak`'s `errors[].rule`; `blocklisted` (too common) and `contains_email` can only be judged by the service.",
        response: responses({
          200: Strict({
            mode: Type.Union([Type.Literal('default'), Type.Literal('nist')]),
            minLength: Type.Integer(),
            maxLength: Type.Integer(),
            rules: Type.Array(
              Type.Union(
                ['min_length', 'max_length', 'lowercase', 'uppercase', 'digit', 'special', 'blocklisted', 'contains_email'].map((r) =>
                  Type.Literal(r),
                ),
              ),
            ),
          }),
        }),
      },
    },
    async () => policyAnswer,
  );

  app.post(
    '/auth/verify-email',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Confirm an e-mail address with the mailed token and the password chosen at sign-up',
        description:
          'The link proves the mailbox, the password that its owner chose the account: a link mailed for an account someone else created with this address verifies nothing. A wrong password is 401 `auth.invalid_credentials`, counted like a failed login, and keeps the link.',
        body: Strict({ token: Token, password: Password }),
        response: responses({ 200: Strict({ user: User }) }, 401),
      },
    },
    async (req) => ({ user: await core.accounts.verifyEmail(req.body, ctx(req)) }),
  );

  app.post(
    '/auth/resend-verification',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Mail a new verification link (always 202)',
        body: Strict({ email: Email }),
        response: responses({ 202: Accepted }),
      },
    },
    async (req, reply) => {
      await core.accounts.resendVerification(req.body, ctx(req));
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Sign in',
        description:
          'Sets the `HttpOnly` session cookie and returns the same session token for `Authorization: Bearer` use. Wrong address and wrong password are indistinguishable (401 `auth.invalid_credentials`). Attempts are throttled per account and per client address (429 with `Retry-After`), counted before any password is checked. For an account with a second factor, the right password answers `{mfaRequired: true, mfaToken, methods}` instead, with no session: finish with `POST /auth/login/mfa` within 5 minutes (the attempt stays counted until then). Nothing tells accounts with and without a factor apart before the password is right.',
        body: Strict({ email: Email, password: Password }),
        response: responses(
          {
            200: Type.Union([
              LoginAnswer,
              Strict({
                mfaRequired: Type.Literal(true),
                mfaToken: Type.String({ description: 'For `POST /auth/login/mfa`: 5 minutes, 5 tries.' }),
                methods: Type.Array(Type.Union([Type.Literal('totp'), Type.Literal('passkey'), Type.Literal('recovery_code')]), {
                  description: 'The second factors the account has.',
                }),
              }),
            ]),
          },
          401,
          403,
        ),
      },
    },
    async (req, reply) => {
      const result = await core.accounts.login(req.body, ctx(req));
      if ('mfaRequired' in result) return result;
      reply.setCookie(cookie.name, result.token, { ...cookie.attributes, maxAge: Math.floor(sessionMaxAgeMs / 1000) });
      return result;
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: 'user' },
      schema: { tags, summary: 'End this session everywhere at once', response: responses({ 204: NoContent }, 401) },
    },
    async (req, reply) => {
      await core.accounts.logout(actorOf(req));
      reply.clearCookie(cookie.name, cookie.attributes);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Mail a password reset link (202 whether or not the address has an account)',
        description:
          'A new link ends the earlier one: one live reset link per account. Limited per client address (`PASSWORD_RESETS_PER_ADDRESS_PER_HOUR`, IPv6 by /64: then 429 `request.throttled`, before the address is looked up), and mails per recipient and client address (`MAILS_PER_RECIPIENT_PER_HOUR`).',
        body: Strict({ email: Email }),
        response: responses({ 202: Accepted }),
      },
    },
    async (req, reply) => {
      await core.accounts.requestPasswordReset(req.body, ctx(req));
      return reply.code(202).send({ status: 'accepted' });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Set a new password with the mailed token; ends every session',
        description:
          'The token is looked up before any password is hashed. Limited per client address (`PASSWORD_RESETS_PER_ADDRESS_PER_HOUR`, IPv6 by /64: then 429 `request.throttled`).',
        body: Strict({ token: Token, password: Password }),
        response: responses({ 204: NoContent }),
      },
    },
    async (req, reply) => {
      await core.accounts.confirmPasswordReset(req.body, ctx(req));
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/confirm-email-change',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Confirm the new e-mail address with the mailed token',
        body: Strict({ token: Token }),
        response: responses({ 200: Strict({ user: User }) }, 409),
      },
    },
    async (req) => ({ user: await core.accounts.confirmEmailChange(req.body) }),
  );
};

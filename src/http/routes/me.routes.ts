import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf, type SessionCookie } from '../auth.js';
import { Email, Locale, Me, Name, NoContent, Password, Strict, User, responses } from '../schemas.js';
import { FactorProofFields, REAUTH_ERRORS } from './mfa.routes.js';

export const meRoutes: FastifyPluginAsyncTypebox<{ core: Core; cookie: SessionCookie }> = async (app, { core, cookie }) => {
  const tags = ['Accounts and sessions'];
  const config = { auth: 'user' as const };

  app.get(
    '/me',
    {
      config,
      schema: { tags, summary: 'The signed-in user, their organizations and the active one', response: responses({ 200: Me }, 401) },
    },
    async (req) => core.accounts.getMe(actorOf(req)),
  );

  app.patch(
    '/me',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Change your name or language',
        description: '`locale` is the language every later mail to you is written in (the web UI sets it to the language you choose).',
        body: Strict({ firstName: Type.Optional(Name), lastName: Type.Optional(Name), locale: Type.Optional(Locale) }),
        response: responses({ 200: Strict({ user: User }) }, 401),
      },
    },
    async (req) => ({ user: await core.accounts.updateMe(actorOf(req), req.body) }),
  );

  app.put(
    '/me/password',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Change your password; every other session ends',
        body: Strict({ currentPassword: Password, newPassword: Password }),
        response: responses({ 204: NoContent }, 401, 403),
      },
    },
    async (req, reply) => {
      await core.accounts.changePassword(actorOf(req), req.body);
      return reply.code(204).send();
    },
  );

  app.post(
    '/me/email-change',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Ask to change your e-mail address',
        description:
          'Mails a `confirm-email-change` link to the new address and signs you out everywhere (as in Proficloud). The address changes only when the link is opened. If the new address already has an account, its owner is told instead and the answer is the same.',
        body: Strict({ newEmail: Email, password: Password }),
        response: responses({ 202: Strict({ status: Type.String() }) }, 401, 403, 409),
      },
    },
    async (req, reply) => {
      await core.accounts.requestEmailChange(actorOf(req), req.body);
      reply.clearCookie(cookie.name, cookie.attributes);
      return reply.code(202).send({ status: 'confirmation_sent' });
    },
  );

  app.put(
    '/me/active-organization',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Switch the active organization',
        body: Strict({ organizationId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: responses({ 200: Me }, 401, 404),
      },
    },
    async (req) => core.accounts.setActiveOrganization(actorOf(req), req.body),
  );

  app.delete(
    '/me',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Delete your account (GDPR)',
        description: `Needs your \`password\`; when your account has a second factor (GET /me \`mfa\`), also one current factor: \`code\` (authenticator app), \`recoveryCode\` or \`passkeyResponse\`. ${REAUTH_ERRORS} Refused with 409 \`member.last_admin\` while you are the only Admin of an organization that has other members. Organizations left without any member are deleted.`,
        body: Strict({ password: Password, ...FactorProofFields }),
        response: responses({ 204: NoContent }, 401, 403, 409),
      },
    },
    async (req, reply) => {
      await core.accounts.deleteAccount(actorOf(req), req.body);
      reply.clearCookie(cookie.name, cookie.attributes);
      return reply.code(204).send();
    },
  );
};

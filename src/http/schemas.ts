// Shared TypeBox schemas. Every object schema forbids unknown properties: a misspelt or smuggled
// field (`role`, `emailVerified`, `__proto__`) is a 400, never silently dropped or stored.
import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH } from '../core/passwords/password-policy.js';
import { LOCALES } from '../core/locale.js';

export const Strict = <T extends TProperties>(properties: T, options: { description?: string; $id?: string } = {}): TObject<T> =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Email = Type.String({
  minLength: 3,
  maxLength: 320,
  description: 'E-mail address; compared case-insensitively, IDNA domains allowed.',
});
export const Password = Type.String({
  minLength: 1,
  maxLength: PASSWORD_MAX_LENGTH + 1024,
  description: 'Checked against the password policy (see `password.too_weak`).',
});
export const Token = Type.String({
  minLength: 16,
  maxLength: 256,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'The token from a mailed link.',
});
/** One line of text: no line breaks, NUL or other control characters (PostgreSQL refuses NUL; mails and lists must not break). */
export const PlainText = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({
    minLength: options.minLength ?? 1,
    maxLength,
    pattern: options.minLength === 0 ? '^\\P{Cc}*$' : '^\\P{Cc}*[^\\p{Cc}\\s]\\P{Cc}*$',
    ...(options.description ? { description: options.description } : {}),
  });
export const Name = PlainText(100);
export const Id = (prefix: string) => Type.String({ minLength: 4, maxLength: 64, pattern: `^${prefix}_[0-9a-z]+$` });
export const RoleId = Type.String({
  maxLength: 64,
  pattern: '^(admin|editor|viewer|rol_[0-9a-z]+)$',
  description: "`admin`, `editor`, `viewer` or a custom role's `rol_` id.",
});
export const OrgParams = Strict({ orgId: Id('org') });
export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (default 50, at most 200).' });
export const Cursor = Type.String({ minLength: 1, maxLength: 1200, description: 'The `nextCursor` of the previous page.' });
export const PageOf = <T extends TSchema>(item: T) =>
  Strict({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const Locale = Type.Union(
  LOCALES.map((l) => Type.Literal(l)),
  { description: 'A language: `en` (English) or `de` (German).' },
);
/** A text in English and, where there is one, German. */
export const Localized = (description: string) => Strict({ en: Type.String(), de: Type.Optional(Type.String()) }, { description });
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const User = Strict({
  id: Type.String(),
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  emailVerified: Type.Boolean(),
  locale: Type.Union(
    LOCALES.map((l) => Type.Literal(l)),
    { description: 'The language the user reads Gatehouse in; every mail to them is written in it.' },
  ),
  createdAt: DateTime,
});

const OrganizationRef = Strict({
  id: Type.String(),
  name: Type.String(),
  role: Strict({ id: Type.String(), name: Type.String() }),
});

export const Me = Strict({
  user: User,
  activeOrganizationId: Type.Union([Type.String(), Type.Null()]),
  organizations: Type.Array(OrganizationRef),
  mfa: Strict(
    {
      totp: Type.Boolean({ description: 'An authenticator app (TOTP) is enabled.' }),
      passkeys: Type.Integer({ minimum: 0, description: 'How many passkeys are registered.' }),
      recoveryCodesLeft: Type.Integer({ minimum: 0, description: 'Unused recovery codes.' }),
    },
    { description: 'Which second factors you have; with none, a sign-in needs the password alone.' },
  ),
});

export const Accepted = Strict({ status: Type.String() });
export const NoContent = Type.Null({ description: 'No content' });

/** What each error status means, for the OpenAPI description of every error response. */
const ERROR_RESPONSE: Record<number, string> = {
  400: 'The request is invalid: a field, parameter or body that the operation does not take or accept',
  401: 'Not signed in, or the session or key is not valid',
  403: 'Refused: the caller may not do this (or a cross-site write)',
  404: 'Not found, or not visible to the caller (the same answer)',
  405: 'The path exists, but not with this method (`Allow` lists those it takes)',
  409: 'Conflicts with the current state',
  410: 'Gone: what the request points at is no longer kept',
  413: 'The request body is larger than the service accepts',
  415: 'The body is not `application/json`',
  422: 'The `Idempotency-Key` was used for another request',
  429: 'Too many requests: retry after `Retry-After` seconds',
  500: "An unexpected error (details only in the service's log, under the `requestId`)",
  503: 'Busy, or a dependency is unavailable: retry after `Retry-After` seconds',
};

const RETRY_AFTER = { 'Retry-After': { type: 'integer', minimum: 0, description: 'Seconds to wait before retrying.' } };

/**
 * An error response: an RFC 9457 problem document, sent as `application/problem+json` (see
 * problem.ts), with its `Retry-After` header where the status has one.
 */
export function problemResponse(status: number) {
  return {
    description: `${ERROR_RESPONSE[status] ?? 'Refused'}. An RFC 9457 problem document; its \`code\` says why (docs/errors.md).`,
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    ...(status === 405 ? { headers: { Allow: { type: 'string', description: 'The methods the path takes, e.g. `GET, HEAD`.' } } } : {}),
    content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
  };
}
type ProblemResponse = ReturnType<typeof problemResponse>;

/** Response schemas with the problem document for each error status the route may answer. */
export function responses<T extends Record<number, TSchema>>(ok: T, ...errorStatuses: number[]) {
  const out: Record<number, TSchema | ProblemResponse> = { ...ok };
  for (const s of new Set([400, 429, 500, 503, ...errorStatuses])) out[s] = problemResponse(s);
  return out;
}

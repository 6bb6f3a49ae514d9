// Shared TypeBox schemas. Every object schema forbids unknown properties: a misspelt or smuggled
// field (`role`, `emailVerified`, `__proto__`) is a 400, never silently dropped or stored.
import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH } from '../core/passwords/password-policy.js';

export const Strict = <T extends TProperties>(properties: T, options: { description?: string; $id?: string } = {}): TObject<T> =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Email = Type.String({ minLength: 3, maxLength: 320, description: 'E-mail address; compared case-insensitively, IDNA domains allowed.' });
export const Password = Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH + 1024, description: 'Checked against the password policy (see `password.too_weak`).' });
export const Token = Type.String({ minLength: 16, maxLength: 256, pattern: '^[A-Za-z0-9_-]+$', description: 'The token from a mailed link.' });
/** One line of text: no line breaks, NUL or other control characters (PostgreSQL refuses NUL; mails and lists must not break). */
export const PlainText = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({ minLength: options.minLength ?? 1, maxLength, pattern: options.minLength === 0 ? '^\\P{Cc}*$' : '^\\P{Cc}*[^\\p{Cc}\\s]\\P{Cc}*$', ...(options.description ? { description: options.description } : {}) });
export const Name = PlainText(100);
export const Id = (prefix: string) => Type.String({ minLength: 4, maxLength: 64, pattern: `^${prefix}_[0-9a-z]+$` });
export const RoleId = Type.String({ maxLength: 64, pattern: '^(admin|editor|viewer|rol_[0-9a-z]+)$', description: '`admin`, `editor`, `viewer` or a custom role\'s `rol_` id.' });
export const OrgParams = Strict({ orgId: Id('org') });
export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (default 50, at most 200).' });
export const Cursor = Type.String({ minLength: 1, maxLength: 1200, description: 'The `nextCursor` of the previous page.' });
export const PageOf = <T extends TSchema>(item: T) => Strict({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

export const User = Strict({
  id: Type.String(),
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  emailVerified: Type.Boolean(),
  createdAt: DateTime,
});

export const OrganizationRef = Strict({
  id: Type.String(),
  name: Type.String(),
  role: Strict({ id: Type.String(), name: Type.String() }),
});

export const Me = Strict({
  user: User,
  activeOrganizationId: Type.Union([Type.String(), Type.Null()]),
  organizations: Type.Array(OrganizationRef),
});

export const Accepted = Strict({ status: Type.String() });
export const NoContent = Type.Null({ description: 'No content' });

const problemRef = Type.Ref('Problem');
/** Response schemas with the problem document for each error status the route may answer. */
export function responses<T extends Record<number, TSchema>>(ok: T, ...errorStatuses: number[]) {
  const out: Record<number, TSchema> = { ...ok };
  for (const s of new Set([400, 429, 500, 503, ...errorStatuses])) out[s] = problemRef;
  return out;
}

// Names for the API's shapes that the pages use, taken from the generated OpenAPI types: when a
// route's schema changes, `npm run generate` changes these and the compiler shows every page
// that has to follow. Nothing here is written by hand but the names.
import type { ApiPaths } from './client.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Operation<P extends keyof ApiPaths, M extends Method> = NonNullable<ApiPaths[P][M]>;

/** The JSON body of `status` (200 by default) answered by `M P`. */
export type Answer<P extends keyof ApiPaths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R } ? (S extends keyof R ? Json<R[S]> : never) : never;

export type Me = Answer<'/me', 'get'>;
export type User = Me['user'];
export type OrganizationRef = Me['organizations'][number];
export type MyMembership = Answer<'/orgs/{orgId}/me', 'get'>;
export type DeviceAccess = MyMembership['deviceAccess'];
export type OrganizationDetail = Answer<'/orgs/{orgId}', 'get'>;
export type Billing = Answer<'/orgs/{orgId}/billing', 'get'>;
export type Role = Answer<'/orgs/{orgId}/roles', 'get'>[number];
/** A registered service, as the Roles page groups the catalog by (GET /services). */
export type Service = Answer<'/services', 'get'>[number];
export type Device = Answer<'/orgs/{orgId}/devices/{deviceId}', 'get'>;
export type DeviceAdded = Answer<'/orgs/{orgId}/devices', 'post', 201>;
/** A row of the members list: an active member, or a pending invitation (`status: 'invited'`, `userId: null`). */
export type Member = Answer<'/orgs/{orgId}/members', 'get'>['items'][number];
export type MemberDetail = Answer<'/orgs/{orgId}/members/{userId}', 'get'>;
export type Invitation = Answer<'/orgs/{orgId}/invitations', 'get'>['items'][number];
export type InvitationCreated = Answer<'/orgs/{orgId}/invitations', 'post', 201>;
export type MyInvitation = Answer<'/me/invitations', 'get'>['items'][number];
export type AuditEvent = Answer<'/orgs/{orgId}/audit-events', 'get'>['items'][number];
export type PasswordPolicy = Answer<'/auth/password-policy', 'get'>;
export type PasswordRuleKey = PasswordPolicy['rules'][number];

/** A cursor-paged answer (`{ items, nextCursor }`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

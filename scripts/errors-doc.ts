// docs/errors.md (written by `npm run generate`, scripts/generated-files.ts), the error catalogue for people, from the catalogue
// the service answers with (src/core/errors.ts: code, status, title) and the meaning of each code
// below. test/unit/generated-files.test.ts fails when docs/errors.md is not what this writes, and
// the type of MEANINGS makes a code without a meaning (or a meaning without a code) a compile error.
import { errors, type ErrorCode } from '../src/core/errors.js';

/** What each code means, for the reader of docs/errors.md (clients see `title`). */
const MEANINGS = {
  'request.invalid': 'The request is invalid: a field is missing, mistyped, out of range or unknown (`errors` lists each one)',
  'request.malformed_json': 'The request body is not valid JSON',
  'request.unsupported_media_type': 'The body was not sent as `application/json`',
  'request.too_large': 'The request body exceeds `BODY_LIMIT_BYTES`',
  'request.not_found': 'No such path, whatever the method (a path that exists with other methods is `request.method_not_allowed`)',
  'request.method_not_allowed': 'The path exists, but not with this method; `Allow` lists the methods it takes',
  'auth.unauthenticated': 'No valid session: sign in (cookie or `Authorization: Bearer`) to continue',
  'auth.invalid_credentials': 'Wrong e-mail address or password (the two are indistinguishable)',
  'auth.email_not_verified': "The account's e-mail address is not confirmed yet",
  'auth.csrf': "Cross-site request refused: a state-changing request's `Origin` does not match `PUBLIC_URL`",
  'auth.throttled': 'Too many sign-in attempts; retry after `Retry-After` seconds',
  'request.throttled': 'Too many sign-ups or password resets from this client address (IPv6: its /64); retry after `Retry-After` seconds',
  'auth.wrong_password': 'The current password given to confirm a sensitive change is wrong',
  'auth.mfa_required':
    "The organization requires a second factor and this session was not signed in with one (or, from `/authz/check`'s point of view, the member has none)",
  'auth.reauthentication_required':
    'Turning a second factor off, making new recovery codes or deleting an account that has a factor needs the password and a current factor (`code`, `recoveryCode` or `passkeyResponse`)',
  'auth.wrong_second_factor':
    'The code, recovery code or passkey given to confirm a sensitive change is wrong or was used already (counted)',
  'auth.invalid_second_factor': 'The second factor of a sign-in is wrong or was used already; counted against the login throttle',
  'auth.mfa_token_invalid': 'The `mfaToken` is unknown, older than 5 minutes, used, or had 5 wrong tries: sign in again',
  'auth.passkey_invalid': 'The passkey sign-in did not verify (unknown credential, wrong signature, expired or reused challenge)',
  'mfa.totp_already_enabled': 'An authenticator app is enabled already: turn it off before setting up another',
  'mfa.totp_not_started': 'No authenticator app enrolment is waiting for its first code (`POST /me/mfa/totp` first)',
  'mfa.code_invalid': 'The first code that confirms an authenticator app is wrong',
  'mfa.no_factor': 'Recovery codes exist only while a second factor does',
  'passkey.not_found': 'No passkey of yours has this id',
  'passkey.invalid': 'The registration response did not verify, or its options expired or were used',
  'passkey.already_registered': 'This authenticator is registered already (to you or to someone else)',
  'organization.mfa_admin_without_factor': 'An Admin who requires a second factor of the members must have one themself',
  'password.too_weak': 'The password does not meet the password policy (`errors` lists the failed rules)',
  'token.invalid': "The mailed link's token is invalid, already used or expired",
  'account.email_taken': 'The e-mail address belongs to another account',
  'account.same_email': "The new e-mail address is already the account's address",
  'authz.forbidden': 'The caller is a member of the organization, but their role lacks the permission the route needs',
  'authz.escalation':
    'Only an Admin grants the Admin role or acts on an Admin; nobody grants, edits or acts on a role holding a permission they lack',
  'authz.device_escalation':
    "Device access beyond the caller's own: only an Admin or a member with all devices grants `allDevices`, nobody grants a device they cannot reach, and nobody but an Admin changes their own device access (member device access, invitations, resends)",
  'authz.access_escalation':
    "Access to a resource type beyond the caller's own: only an Admin or a member with all of a type grants `all` for it, nobody grants a resource they cannot reach (itself or through an ancestor), and nobody but an Admin changes their own access (member access, invitations)",
  'authz.revision_unavailable':
    'A check asked for `atLeastRevision`, and this instance could not reach that revision of the organization within 2 seconds (a revision no write returned, or the database is behind): retry, or ask without it',
  'organization.not_found': 'No such organization, or the caller is not a member of it (the two are indistinguishable)',
  'member.not_found': 'The user is not a member of this organization',
  'member.last_admin':
    'The change would leave an organization without an Admin (demoting, removing or the last Admin leaving; or deleting the account of the only Admin of an organization with other members)',
  'invitation.not_found': 'No such invitation in this organization (or, under `/me/invitations`, none addressed to you)',
  'invitation.not_pending': 'The invitation was already accepted, declined, revoked, or it expired',
  'invitation.email_mismatch': "The invitation was sent to another address than the signed-in user's verified one",
  'invitation.already_member': 'The invited address belongs to a member of the organization',
  'invitation.already_pending': 'The organization already has a pending invitation for this address (resend it instead)',
  'invitation.role_gone': "The invitation's role was deleted; nothing was applied",
  'invitation.device_gone': 'A device the invitation grants was deleted; nothing was applied',
  'invitation.inviter_lacks_authority':
    'Whoever sent the invitation is no longer a member who could send it now (removed, demoted, or lost the permission, the role or the devices it grants); nothing was applied',
  'invitation.throttled': 'Too many invitations from this organization, or mails to this address, in the last hour (`Retry-After`)',
  'device.not_found': 'No such device in this organization, or not one the caller may reach',
  'resource.not_found':
    'No resource of this type and id in this organization, or the caller may not access it (the two are indistinguishable)',
  'resource.type_not_found': 'No registered service offers this resource type (`<slug>:<type>`, or `device`)',
  'member.admin_all_resources': 'Admins always have access to every resource: their access cannot be narrowed',
  'device.already_registered': 'A device with this hardware UUID is registered (in this or another organization)',
  'member.admin_all_devices': 'Admins always have every device; their device access cannot be narrowed',
  'role.not_found': 'No such role in this organization (custom roles of other organizations do not exist here)',
  'role.built_in': 'Admin, Editor and Viewer cannot be edited or deleted',
  'role.in_use': 'The custom role is still held by a member or a pending invitation',
  'role.name_taken': 'The organization already has a role of this name (any case; the built-in names are reserved)',
  'role.name_confusable':
    'The role name (after NFKC normalisation) looks like `Admin`, `Editor` or `Viewer`: same skeleton under Unicode confusables (TR39), in any case, Cyrillic and Greek look-alikes included',
  'role.name_invisible':
    'The role name contains an invisible or formatting character (zero-width, bidi controls, variation selectors, …); `errors` names the field',
  'idempotency.key_reused':
    'The `Idempotency-Key` was already used (by this user, in the last 24 h) for a different request (method, path or body)',
  'idempotency.in_progress': 'A request with this `Idempotency-Key` is still running; retry in a moment (`Retry-After`)',
  'idempotency.secret_not_replayed':
    'A retry with the same `Idempotency-Key`: the request was applied once, but its answer carried a secret shown only once (a device token, an invitation link) that is never stored; `location` says where to read the result and `secretFields` what was left out. Reset the token or resend the invitation for a new one',
  'idempotency.response_lost':
    'The request with this `Idempotency-Key` was applied (committed) but the service stopped before recording its answer: read the resource for the result; it will not be applied again',
  'oidc.interaction_expired':
    'The OpenID Connect sign-in step (`/oidc/interaction/…`) is unknown, expired or already completed, or its cookie is missing: start again from the Smart Service',
  'service.forbidden':
    "A service key acted on another service (its webhooks, its manifest): only the service's own key may; also a key that belongs to no service",
  'events.cursor_expired':
    "The cursor of `GET /events` (or the stream's `Last-Event-ID`) is older than the events kept (7 days): events after it were purged. Resync, then read again without a cursor",
  'webhook.not_found': 'No webhook with this id belongs to this service',
  'webhook.delivery_not_found': 'No delivery with this id belongs to this webhook (deliveries are kept 7 days)',
  'webhook.address_refused':
    'The webhook URL is not http(s), carries credentials, does not resolve, or resolves to a private, loopback or link-local address that `WEBHOOK_ALLOWED_HOSTS` does not allow',
  'service.manifest_invalid':
    'A service manifest breaks a rule (slug, English labels, resource types and their parents, roles, `url`, an own permission of Gatehouse left out); `errors` names every field',
  'service.limit_exceeded': 'A manifest beyond the limits: 500 permissions and 20 resource types a service, 50 services',
  'service.type_in_use':
    'A manifest left out a resource type while resources of it exist in some organization: delete them first (the type is kept)',
  'service.icon_invalid':
    "A manifest's `icon` is larger than 8 KB, or nothing of an SVG document (one `<svg>` root) is left once it is sanitised (scripts, event handlers and foreign content are removed)",
  'service.icon_not_found': '`GET /services/{slug}/icon` of a service without an icon, or of no registered service',
  'service.busy': 'Too many password checks queued; retry after `Retry-After` seconds',
  'service.unavailable': 'A dependency (the database) is unavailable',
  internal: 'Unexpected internal error (details only in the log, under the `requestId`)',
} as const satisfies Record<ErrorCode, string>;

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderErrorsDoc(): string {
  const rows = (Object.keys(errors) as ErrorCode[]).map(
    (code) => `| \`${code}\` | ${errors[code].status} | ${cell(errors[code].title)} | ${cell(MEANINGS[code])} |`,
  );
  return [
    '<!-- Generated by `npm run generate` from src/core/errors.ts and scripts/errors-doc.ts: edit those, not this file. -->',
    '# Error codes',
    '',
    'Every error the service answers with is an [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem document, sent as',
    '`application/problem+json`:',
    '',
    '```json',
    '{ "type": "urn:gatehouse:problem:member.last_admin", "title": "An organization must keep at least one Admin",',
    '  "status": 409, "code": "member.last_admin", "requestId": "req_…" }',
    '```',
    '',
    '- `code` is the stable contract: switch on it, not on `title` (which may be reworded) or on the status alone.',
    "- `requestId` names the request in the service's log (also sent as the `X-Request-Id` header).",
    '- `errors` (with `request.invalid` and `password.too_weak`) lists each problem: `field` (a JSON pointer into the',
    '  request, e.g. `/password` or `/query/limit`), `rule` and `message`.',
    '- 429 and 503 answers carry `Retry-After` (seconds); 405 carries `Allow`.',
    '- The OpenID Connect endpoints (`/oidc/*`) answer OAuth errors as their specifications say (`error`,',
    '  `error_description`), not problem documents; only the sign-in step `/oidc/interaction/…` uses the codes below.',
    '',
    '| code | status | title | meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

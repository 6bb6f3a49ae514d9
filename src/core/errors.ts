// One catalogue of every error the service can answer with. The HTTP layer turns an AppError into an
// RFC 9457 problem document; `code` is the stable contract clients (and the web UI) switch on.
// docs/errors.md is generated from it (npm run generate); a test fails when that file is stale.

export const errors = {
  'request.invalid': { status: 400, title: 'The request is invalid' },
  'request.malformed_json': { status: 400, title: 'The request body is not valid JSON' },
  'request.unsupported_media_type': { status: 415, title: 'Send the body as application/json' },
  'request.too_large': { status: 413, title: 'The request body is too large' },
  'request.not_found': { status: 404, title: 'No such route' },
  'request.method_not_allowed': { status: 405, title: 'This path does not take this method' },
  'auth.unauthenticated': { status: 401, title: 'Sign in to continue' },
  'auth.invalid_credentials': { status: 401, title: 'Wrong e-mail address or password' },
  'auth.email_not_verified': { status: 403, title: 'Confirm your e-mail address first' },
  'auth.csrf': { status: 403, title: 'Cross-site request refused: the Origin header does not match' },
  'auth.throttled': { status: 429, title: 'Too many attempts; try again later' },
  'request.throttled': { status: 429, title: 'Too many requests from your network; try again later' },
  'auth.wrong_password': { status: 403, title: 'The current password is wrong' },
  'auth.mfa_required': {
    status: 403,
    title: 'This organization requires two-factor authentication: set up a second factor and sign in with it',
  },
  'auth.reauthentication_required': { status: 403, title: 'Confirm this with your password and a current second factor' },
  'auth.wrong_second_factor': { status: 403, title: 'The code, recovery code or passkey is wrong or was already used' },
  'auth.invalid_second_factor': { status: 401, title: 'The code, recovery code or passkey is wrong or was already used' },
  'auth.mfa_token_invalid': { status: 401, title: 'This sign-in expired or had too many attempts; sign in again' },
  'auth.passkey_invalid': { status: 401, title: 'The passkey could not be verified; try again' },
  'mfa.totp_already_enabled': { status: 409, title: 'An authenticator app is set up already; remove it first' },
  'mfa.totp_not_started': { status: 409, title: 'Start setting up the authenticator app first' },
  'mfa.code_invalid': { status: 400, title: 'The code is wrong; enter the current code of your authenticator app' },
  'mfa.no_factor': { status: 409, title: 'Set up a second factor first' },
  'passkey.not_found': { status: 404, title: 'Passkey not found' },
  'passkey.invalid': { status: 400, title: 'The passkey could not be registered: the response is invalid or its request expired' },
  'passkey.already_registered': { status: 409, title: 'This passkey is registered already' },
  'organization.mfa_admin_without_factor': {
    status: 409,
    title: 'Set up a second factor for yourself before you require one of the members',
  },
  'password.too_weak': { status: 400, title: 'The password does not meet the password policy' },
  'token.invalid': { status: 400, title: 'This link is invalid, already used or expired' },
  'account.email_taken': { status: 409, title: 'This e-mail address belongs to another account' },
  'account.same_email': { status: 409, title: 'This is already your e-mail address' },
  'authz.forbidden': { status: 403, title: 'Your role in this organization does not allow this' },
  'authz.escalation': { status: 403, title: 'You cannot grant or change a role above your own' },
  'authz.device_escalation': { status: 403, title: 'You cannot grant device access you do not have yourself' },
  'authz.access_escalation': { status: 403, title: 'You cannot grant access to resources you do not have yourself' },
  'authz.revision_unavailable': { status: 503, title: 'The answer at the revision asked for is not available yet' },
  'organization.not_found': { status: 404, title: 'Organization not found' },
  'member.not_found': { status: 404, title: 'Member not found' },
  'member.last_admin': { status: 409, title: 'An organization must keep at least one Admin' },
  'invitation.not_found': { status: 404, title: 'Invitation not found' },
  'invitation.not_pending': { status: 409, title: 'This invitation is no longer pending' },
  'invitation.email_mismatch': { status: 403, title: 'This invitation is for another e-mail address' },
  'invitation.already_member': { status: 409, title: 'This person is already a member of the organization' },
  'invitation.already_pending': { status: 409, title: 'This address already has a pending invitation' },
  'invitation.role_gone': { status: 409, title: "The invitation's role no longer exists" },
  'invitation.device_gone': { status: 409, title: 'A device the invitation grants no longer exists' },
  'invitation.inviter_lacks_authority': { status: 409, title: 'Whoever sent this invitation can no longer grant what it grants' },
  'invitation.throttled': { status: 429, title: 'Too many invitations; try again later' },
  'device.not_found': { status: 404, title: 'Device not found' },
  'resource.not_found': { status: 404, title: 'Resource not found' },
  'resource.type_not_found': { status: 404, title: 'No such resource type' },
  'member.admin_all_resources': { status: 409, title: 'Admins always have access to every resource' },
  'device.already_registered': { status: 409, title: 'A device with this UUID is registered already' },
  'member.admin_all_devices': { status: 409, title: 'Admins always have access to every device' },
  'role.not_found': { status: 404, title: 'Role not found' },
  'role.built_in': { status: 409, title: 'Built-in roles cannot be changed or deleted' },
  'role.in_use': { status: 409, title: 'The role is held by members or pending invitations' },
  'role.name_taken': { status: 409, title: 'The organization already has a role with this name' },
  'role.name_confusable': { status: 409, title: 'The role name looks like the name of a built-in role' },
  'role.name_invisible': { status: 400, title: 'The role name contains invisible or formatting characters' },
  'idempotency.key_reused': { status: 422, title: 'This Idempotency-Key was used for another request' },
  'idempotency.in_progress': { status: 409, title: 'A request with this Idempotency-Key is still being processed; retry in a moment' },
  'idempotency.response_lost': { status: 409, title: 'The request with this Idempotency-Key was applied, but its answer was lost' },
  'idempotency.secret_not_replayed': {
    status: 409,
    title: 'The request with this Idempotency-Key was applied; its answer held a secret shown only once, which is not kept',
  },
  'oidc.interaction_expired': {
    status: 400,
    title: 'This sign-in request expired or was already completed; start again from the application',
  },
  'service.forbidden': { status: 403, title: 'This service key belongs to another service' },
  'events.cursor_expired': {
    status: 410,
    title: 'The cursor is older than the events kept (7 days): some events after it are gone; start again without one',
  },
  'webhook.not_found': { status: 404, title: 'Webhook not found' },
  'webhook.delivery_not_found': { status: 404, title: 'Webhook delivery not found' },
  'webhook.address_refused': { status: 400, title: 'Webhooks may not be sent to this address' },
  'service.manifest_invalid': { status: 400, title: 'The service manifest is invalid' },
  'service.limit_exceeded': { status: 400, title: 'The manifest goes beyond the limits of the catalog' },
  'service.type_in_use': { status: 409, title: 'A resource type left out of the manifest still has resources' },
  'service.icon_invalid': { status: 400, title: "The service's icon is not an SVG of at most 8 KB" },
  'service.icon_not_found': { status: 404, title: 'This service has no icon' },
  'service.busy': { status: 503, title: 'The service is busy; try again in a moment' },
  'service.unavailable': { status: 503, title: 'A dependency of the service is unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errors;

export interface FieldProblem {
  /** JSON pointer into the request, e.g. `/password` or `/query/limit`. */
  field: string;
  rule: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      /** Goes to the log, never to the client (it may name internal ids). */
      detail?: string;
      /** Safe, user-facing explanation sent as the problem's `detail`. */
      publicDetail?: string;
      errors?: FieldProblem[];
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(`${code}${options.detail ? `: ${options.detail}` : ''}`);
    this.name = 'AppError';
    this.status = errors[code].status;
    this.title = errors[code].title;
  }
}

export function fail(code: ErrorCode, options?: AppError['options']): never {
  throw new AppError(code, options);
}

export function isAppError(e: unknown, code?: ErrorCode): e is AppError {
  return e instanceof AppError && (code === undefined || e.code === code);
}

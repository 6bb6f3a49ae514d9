// The only way the UI talks to Gatehouse: the public API under /api/v1, with the session cookie.
// Every failure becomes an ApiError carrying the problem document's stable `code`, which the
// pages turn into words (i18n/errors.ts) — never the raw status or a stack.

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly fieldErrors: FieldProblem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(title);
    this.name = 'ApiError';
  }

  /** The problems reported for one body field (`email`, `billing.vatId` → `/billing/vatId`). */
  forField(field: string): FieldProblem | undefined {
    const path = `/${field.replace(/\./g, '/')}`;
    return this.fieldErrors.find((e) => e.field === path || e.field === field);
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when a request answers 401: the session has ended (expired, signed out elsewhere). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function request<T>(method: string, path: string, body?: unknown, options: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The service cannot be reached.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as { code?: string; title?: string; errors?: FieldProblem[] };
    const retry = Number(response.headers.get('retry-after'));
    const error = new ApiError(response.status, problem.code ?? `http.${response.status}`, problem.title ?? response.statusText, problem.errors ?? [], Number.isFinite(retry) && retry > 0 ? retry : undefined);
    if (response.status === 401 && !path.startsWith('/auth/')) for (const l of unauthenticatedListeners) l();
    throw error;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, options?: { signal?: AbortSignal }) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Shapes of the API's answers that more than one page uses (see /api/docs for all of them).
export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  emailVerified: boolean;
  createdAt: string;
}
export interface RoleRef {
  id: string;
  name: string;
}
export interface OrganizationRef {
  id: string;
  name: string;
  role: RoleRef;
}
export interface Me {
  user: User;
  activeOrganizationId: string | null;
  organizations: OrganizationRef[];
}
export interface MyMembership {
  role: RoleRef;
  permissions: string[];
  deviceAccess: { allDevices: boolean; deviceIds: string[] };
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Role {
  id: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  permissions: string[];
}
export interface DeviceAccess {
  allDevices: boolean;
  deviceIds: string[];
}
export interface Device {
  id: string;
  uuid: string;
  name: string;
  location: string | null;
  tags: string[];
  description: string | null;
  createdAt: string;
  updatedAt: string;
}
/** A row of the members list: an active member, or a pending invitation (`status: 'invited'`, `userId: null`). */
export interface Member {
  userId: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  role: RoleRef;
  status: 'active' | 'invited';
  joinedAt: string | null;
  invitedBy: { userId: string; firstName: string; lastName: string } | null;
  /** Pending invitations only. */
  invitationId?: string;
  invitedAt?: string;
  expiresAt?: string | null;
}
export interface MemberDetail extends Member {
  deviceAccess: DeviceAccess;
}
export interface InvitationCreated {
  invitation: { id: string; email: string; role: RoleRef };
  delivery: 'email' | 'link';
  link?: string;
}
export interface InvitationPreview {
  organization: { name: string };
  invitedBy: { firstName: string; lastName: string } | null;
  role: { name: string };
  email: string;
  status: string;
}
export type PasswordRuleKey = 'min_length' | 'max_length' | 'lowercase' | 'uppercase' | 'digit' | 'special' | 'blocklisted' | 'contains_email';
export interface PasswordPolicy {
  mode: 'default' | 'nist';
  minLength: number;
  maxLength: number;
  rules: PasswordRuleKey[];
}

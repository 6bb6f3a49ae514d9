// Who is signed in, in which organization they act, and what their role there allows. Every page
// reads it through useSession(); it is reloaded after anything that changes it (switch, leave…),
// and also when the API says it is out of date: a 401 ends it, a 404 `organization.not_found` for
// the active organization means the member was removed (or the organization deleted) while
// looking at it, a 403 `authz.forbidden` that the role may have changed, a 403 `auth.mfa_required`
// that the organization requires a second factor this session was not signed in with: the app
// then holds the member at Profile → Security until they have one.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, ok, onProblem } from './api/client.js';
import type { Me, MyMembership } from './api/types.js';
import { useLang } from './i18n/i18n.js';
import { navigate } from './router.js';

export interface SignedIn {
  me: Me;
  /** The caller's role and permissions in the active organization (null: none active). */
  membership: MyMembership | null;
  /** Pending invitations addressed to the caller (the badge on "My invitations"). */
  pendingInvitations: number;
  /**
   * The active organization requires a second factor and this session has none (its routes answer
   * 403 `auth.mfa_required`): the member is held at enrolment until they set one up.
   */
  mfaHold: boolean;
}

/**
 * What the app shell tells the user once, on the page they land on: that they were removed from
 * the organization they were looking at, that they left or deleted one, or a welcome into the
 * organization they just joined. `path` is the page it belongs to.
 */
export type SessionNotice =
  | { kind: 'removed' | 'left' | 'deleted'; orgName: string; path: string }
  | { kind: 'welcome'; orgName: string; role: string; path: string };

interface SessionContext {
  state: 'loading' | 'anonymous' | 'signed-in';
  session: SignedIn | undefined;
  /** Reloads /me and the active membership (after sign-in, switch, leave, role change…). */
  refresh(): Promise<SignedIn | undefined>;
  /** Makes `orgId` the active organization and reloads the session (returned). */
  switchOrganization(orgId: string): Promise<SignedIn | undefined>;
  signOut(): Promise<void>;
  notice: SessionNotice | undefined;
  /** Goes to `notice.path` and shows the notice there (undefined: clears it). */
  announce(notice: SessionNotice | undefined): void;
}

const Ctx = createContext<SessionContext | undefined>(undefined);

async function load(): Promise<SignedIn | undefined> {
  try {
    const me = await ok(api.GET('/me'));
    const orgId = me.activeOrganizationId;
    let mfaHold = false;
    const [membership, invitations] = await Promise.all([
      orgId
        ? ok(api.GET('/orgs/{orgId}/me', { params: { path: { orgId } } })).catch((err: unknown) => {
            if (!(err instanceof ApiError && err.code === 'auth.mfa_required')) throw err;
            mfaHold = true;
            return null;
          })
        : null,
      // Only for the badge: without it the app still works.
      ok(api.GET('/me/invitations')).catch(() => undefined),
    ]);
    return { me, membership, pendingInvitations: invitations?.items.length ?? 0, mfaHold };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return undefined;
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionContext['state']>('loading');
  const [session, setSession] = useState<SignedIn | undefined>();
  const [notice, setNotice] = useState<SessionNotice>();
  const current = useRef<SignedIn | undefined>(undefined);
  current.current = session;
  // Only the newest reload writes: an older one finishing late would bring back an old organization.
  const loads = useRef(0);
  const { followAccount } = useLang();

  const refresh = useCallback(async () => {
    const mine = ++loads.current;
    const next = await load();
    if (mine !== loads.current) return current.current;
    // A browser without a language choice of its own speaks the account's language.
    if (next) followAccount(next.me.user.locale);
    current.current = next;
    setSession(next);
    setState(next ? 'signed-in' : 'anonymous');
    return next;
  }, [followAccount]);

  const announce = useCallback((next: SessionNotice | undefined) => {
    if (next) navigate(next.path, { replace: true });
    setNotice(next);
  }, []);

  // The organization being looked at is gone for this member: say so, and show where they are now.
  const handling = useRef(new Set<string>());
  const organizationGone = useCallback(
    async (orgId: string) => {
      if (handling.current.has(orgId)) return;
      handling.current.add(orgId);
      try {
        const orgName = current.current?.me.organizations.find((o) => o.id === orgId)?.name ?? '';
        const next = await refresh();
        if (next && !next.me.organizations.some((o) => o.id === orgId)) announce({ kind: 'removed', orgName, path: homePath(next) });
      } finally {
        handling.current.delete(orgId);
      }
    },
    [refresh, announce],
  );

  useEffect(() => {
    refresh().catch(() => setState('anonymous'));
    return onProblem((error, path) => {
      if (error.status === 401 && !path.startsWith('/auth/')) {
        loads.current++;
        setSession(undefined);
        setState('anonymous');
        return;
      }
      const orgId = /^\/orgs\/([^/]+)/.exec(path)?.[1];
      if (!orgId || orgId !== current.current?.me.activeOrganizationId) return;
      if (error.status === 404 && error.code === 'organization.not_found') void organizationGone(orgId);
      // The organization has just started to require a second factor: reload, and the shell holds.
      else if (error.status === 403 && error.code === 'auth.mfa_required' && !current.current?.mfaHold)
        void refresh().catch(() => undefined);
      // Refused what the session said the role allows: the role has changed meanwhile.
      else if (error.status === 403 && error.code === 'authz.forbidden') void refresh().catch(() => undefined);
    });
  }, [refresh, organizationGone]);

  const switchOrganization = useCallback(
    async (orgId: string) => {
      await ok(api.PUT('/me/active-organization', { body: { organizationId: orgId } }));
      setNotice(undefined);
      return refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await ok(api.POST('/auth/logout'));
    } finally {
      loads.current++;
      setSession(undefined);
      setNotice(undefined);
      setState('anonymous');
    }
  }, []);

  const value = useMemo(
    () => ({ state, session, refresh, switchOrganization, signOut, notice, announce }),
    [state, session, refresh, switchOrganization, signOut, notice, announce],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** For pages behind sign-in: the session, which the app shell guarantees is there. */
export function useSignedIn(): SignedIn & { orgId: string; orgName: string; can(permission: string): boolean; isAdmin: boolean } {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn on a public page');
  const orgId = session.me.activeOrganizationId ?? '';
  const permissions = new Set(session.membership?.permissions ?? []);
  return {
    ...session,
    orgId,
    orgName: session.me.organizations.find((o) => o.id === orgId)?.name ?? '',
    can: (permission: string) => permissions.has(permission),
    isAdmin: session.membership?.role.id === 'admin',
  };
}

/**
 * The first page in an organization (after sign-in, a switch, accepting an invitation, leaving or
 * deleting one): the Users page for those who manage users, the Devices page (which every role
 * may view) for everyone else — rather than a page that only says "not allowed".
 */
export function homePath(session: SignedIn | undefined): string {
  return session?.membership?.permissions.includes('user-management:access') === false ? '/devices' : '/users';
}

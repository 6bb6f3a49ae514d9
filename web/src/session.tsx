// Who is signed in, in which organization they act, and what their role there allows. Every page
// reads it through useSession(); it is reloaded after anything that changes it (switch, leave…).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated, type Me, type MyMembership } from './api.js';

export interface SignedIn {
  me: Me;
  /** The caller's role and permissions in the active organization (null: none active). */
  membership: MyMembership | null;
}

interface SessionContext {
  state: 'loading' | 'anonymous' | 'signed-in';
  session: SignedIn | undefined;
  /** Reloads /me and the active membership (after sign-in, switch, leave, role change…). */
  refresh(): Promise<SignedIn | undefined>;
  /** Makes `orgId` the active organization and reloads the session (returned). */
  switchOrganization(orgId: string): Promise<SignedIn | undefined>;
  signOut(): Promise<void>;
}

const Ctx = createContext<SessionContext | undefined>(undefined);

async function load(): Promise<SignedIn | undefined> {
  try {
    const me = await api.get<Me>('/me');
    const membership = me.activeOrganizationId ? await api.get<MyMembership>(`/orgs/${me.activeOrganizationId}/me`) : null;
    return { me, membership };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return undefined;
    throw err;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionContext['state']>('loading');
  const [session, setSession] = useState<SignedIn | undefined>();

  const refresh = useCallback(async () => {
    const next = await load();
    setSession(next);
    setState(next ? 'signed-in' : 'anonymous');
    return next;
  }, []);

  useEffect(() => {
    refresh().catch(() => setState('anonymous'));
    return onUnauthenticated(() => {
      setSession(undefined);
      setState('anonymous');
    });
  }, [refresh]);

  const switchOrganization = useCallback(async (orgId: string) => {
    await api.put<Me>('/me/active-organization', { organizationId: orgId });
    return refresh();
  }, [refresh]);


  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setSession(undefined);
      setState('anonymous');
    }
  }, []);

  const value = useMemo(() => ({ state, session, refresh, switchOrganization, signOut }), [state, session, refresh, switchOrganization, signOut]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** For pages behind sign-in: the session, which the app shell guarantees is there. */
export function useSignedIn(): SignedIn & { orgId: string; can(permission: string): boolean; isAdmin: boolean } {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn on a public page');
  const orgId = session.me.activeOrganizationId ?? '';
  const permissions = new Set(session.membership?.permissions ?? []);
  return {
    ...session,
    orgId,
    can: (permission: string) => permissions.has(permission),
    isAdmin: session.membership?.role.id === 'admin',
  };
}

/**
 * The first page after sign-in or an organization switch: the Users page for those who manage
 * users, the Devices page (which every role may view) for everyone else — rather than a page that
 * only says "not allowed".
 */
export function homePath(session: SignedIn | undefined): string {
  return session?.membership?.permissions.includes('user-management:access') === false ? '/devices' : '/users';
}

// The page table and the two shells: public pages (sign-in, the pages behind mailed links) and
// signed-in pages (header + the active organization). Signed-out visitors of a signed-in page are
// sent to /login with `next`, and come back there after signing in.
import { useEffect, type ComponentType } from 'react';
import { Header } from './components/header.js';
import { SessionNotice } from './components/session-notice.js';
import { Loading } from './components/ui.js';
import { goTo, matchPath, navigate, safeNext, useLocation } from './router.js';
import { homePath, useSession } from './session.js';
import { LoginPage } from './pages/auth/login.js';
import { SignupPage } from './pages/auth/signup.js';
import { VerifyEmailPage } from './pages/auth/verify-email.js';
import { ForgotPasswordPage } from './pages/auth/forgot-password.js';
import { ResetPasswordPage } from './pages/auth/reset-password.js';
import { ConfirmEmailChangePage } from './pages/auth/confirm-email-change.js';
import { InvitationPage } from './pages/invitation.js';
import { UsersPage } from './pages/users/users-page.js';
import { MemberPage } from './pages/users/member-page.js';
import { RolesPage } from './pages/roles/roles-page.js';
import { RolePage } from './pages/roles/role-page.js';
import { DevicesPage } from './pages/devices/devices-page.js';
import { DevicePage } from './pages/devices/device-page.js';
import { OrgSettingsPage } from './pages/settings.js';
import { ProfilePage } from './pages/profile.js';
import { SecurityPage } from './pages/security/security-page.js';
import { AuditPage } from './pages/audit/audit-page.js';
import { MyInvitationsPage } from './pages/my-invitations.js';

type Page = ComponentType<{ params: Record<string, string> }>;

/** Pages for signed-out visitors; a signed-in one is sent on to `next` (or the Users page). */
const PUBLIC: [string, Page][] = [
  ['/login', LoginPage],
  ['/signup', SignupPage],
  ['/forgot-password', ForgotPasswordPage],
];
/** Pages behind mailed links: they work whether or not someone is signed in. */
const EITHER: [string, Page][] = [
  ['/verify-email', VerifyEmailPage],
  ['/reset-password', ResetPasswordPage],
  ['/confirm-email-change', ConfirmEmailChangePage],
  ['/invitation', InvitationPage],
];
const SIGNED_IN: [string, Page][] = [
  ['/users', UsersPage],
  ['/users/:userId', MemberPage],
  ['/roles', RolesPage],
  ['/roles/:roleId', RolePage],
  ['/devices', DevicesPage],
  ['/devices/:deviceId', DevicePage],
  ['/settings', OrgSettingsPage],
  ['/profile', ProfilePage],
  ['/profile/security', SecurityPage],
  ['/audit', AuditPage],
  ['/invitations', MyInvitationsPage],
];

/** The pages that are not the organization's, open while a member is held at enrolment. */
const HELD_MAY_OPEN = new Set(['/profile', '/profile/security', '/invitations']);

function find(table: [string, Page][], path: string): [Page, Record<string, string>] | undefined {
  for (const [pattern, page] of table) {
    const params = matchPath(pattern, path);
    if (params) return [page, params];
  }
  return undefined;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** Like Redirect, but `to` may be a server page (OpenID Connect), which needs a full page load. */
function Forward({ to }: { to: string }) {
  useEffect(() => goTo(to), [to]);
  return null;
}

export function App() {
  const { state, session } = useSession();
  const location = useLocation();
  const { path } = location;

  if (state === 'loading') return <Loading />;

  const either = find(EITHER, path);
  if (either) {
    const [Page, params] = either;
    return (
      <PublicShell>
        <Page params={params} />
      </PublicShell>
    );
  }
  const pub = find(PUBLIC, path);
  if (pub) {
    // Signed in already: the login page just forwards (to `next`, e.g. an OpenID Connect sign-in) —
    // unless a Smart Service asked for a fresh sign-in (`prompt=login`, `max_age`): then it asks for
    // the password, or the interaction would send the browser straight back here, in a loop.
    const signInAgain = path === '/login' && location.query.get('prompt') === 'login';
    if (state === 'signed-in' && path !== '/forgot-password' && !signInAgain)
      return <Forward to={safeNext(location.query.get('next'), homePath(session))} />;
    const [Page, params] = pub;
    return (
      <PublicShell>
        <Page params={params} />
      </PublicShell>
    );
  }
  if (state === 'anonymous') {
    return <Redirect to={path === '/' ? '/login' : `/login?next=${encodeURIComponent(location.href)}`} />;
  }
  // The active organization requires a second factor this session lacks: its pages would all
  // answer 403, so the member is held at enrolment (their own account's pages stay open).
  if (session?.mfaHold && !HELD_MAY_OPEN.has(path)) return <Redirect to="/profile/security" />;
  const page = find(SIGNED_IN, path);
  if (!page) return <Redirect to={homePath(session)} />;
  const [Page, params] = page;
  return (
    <>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        <SessionNotice />
        {/* Keyed by the organization: nothing a page loaded for one organization shows in the next. */}
        <Page key={session?.me.activeOrganizationId ?? ''} params={params} />
      </main>
    </>
  );
}

function PublicShell({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="public-main">
      {children}
    </main>
  );
}

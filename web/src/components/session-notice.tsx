// Told once, on the page a change of organization led to: that the member was removed from the
// organization they were looking at (or it was deleted), that they left or deleted one, or a
// welcome into the one they just joined — each time saying where they are now. It stays until
// dismissed or until the member moves on to another page.
import { useEffect, useRef } from 'react';
import { defineMessages, useT } from '../i18n/i18n.js';
import { useLocation } from '../router.js';
import { useSession, useSignedIn } from '../session.js';

const messages = defineMessages({
  en: {
    removed: 'You are no longer a member of “{org}”: you were removed from it, or it was deleted.',
    left: 'You left “{org}”.',
    deleted: '“{org}” was deleted.',
    now: 'You are now in “{org}” as {role}.',
    welcome: 'Welcome to “{org}”! You joined as {role}.',
    welcomeUsers: 'Here are its members; the sections above lead to its roles and devices.',
    welcomeDevices: 'Here are the devices you can work with in it.',
    dismiss: 'Dismiss',
  },
  de: {
    removed: 'Sie sind kein Mitglied von „{org}“ mehr: Sie wurden entfernt, oder die Organisation wurde gelöscht.',
    left: 'Sie haben „{org}“ verlassen.',
    deleted: '„{org}“ wurde gelöscht.',
    now: 'Sie sind jetzt in „{org}“ als {role}.',
    welcome: 'Willkommen in „{org}“! Sie sind als {role} beigetreten.',
    welcomeUsers: 'Hier sind ihre Mitglieder; die Bereiche oben führen zu ihren Rollen und Geräten.',
    welcomeDevices: 'Hier sind die Geräte, mit denen Sie darin arbeiten können.',
    dismiss: 'Schließen',
  },
});

export function SessionNotice() {
  const t = useT(messages);
  const { notice, announce } = useSession();
  const { me, orgName, membership } = useSignedIn();
  const { path } = useLocation();
  const seen = useRef(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!notice) {
      seen.current = false;
      return;
    }
    if (path === notice.path) {
      // Read out and brought into view once, when it appears.
      if (!seen.current) box.current?.focus();
      seen.current = true;
    } else if (seen.current) announce(undefined);
  }, [notice, path, announce]);
  if (!notice || path !== notice.path) return null;

  const role = membership?.role.name ?? '';
  const here = me.activeOrganizationId ? t('now', { org: orgName, role }) : '';
  const text =
    notice.kind === 'welcome'
      ? [t('welcome', { org: notice.orgName, role: notice.role }), notice.path === '/users' ? t('welcomeUsers') : t('welcomeDevices')]
      : [t(notice.kind, { org: notice.orgName }), here];
  return (
    <div
      ref={box}
      tabIndex={-1}
      className={`alert ${notice.kind === 'removed' ? 'alert-warning' : notice.kind === 'welcome' ? 'alert-success' : 'alert-info'} session-notice`}
      role={notice.kind === 'removed' ? 'alert' : 'status'}
      data-notice={notice.kind}
    >
      <p>{text.filter(Boolean).join(' ')}</p>
      <button type="button" className="btn btn-ghost" onClick={() => announce(undefined)}>
        {t('dismiss')}
      </button>
    </div>
  );
}

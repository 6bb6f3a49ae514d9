// Profile has two pages: the account (name, language, password, e-mail, deleting it) and Security
// (second factors). The tabs are links, so each page has its address and the back button works.
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link, useLocation } from '../../router.js';
import './security.css';

const messages = defineMessages({
  en: { label: 'Profile pages', account: 'Account', security: 'Security' },
  de: { label: 'Profilseiten', account: 'Konto', security: 'Sicherheit' },
});

export function ProfileTabs() {
  const t = useT(messages);
  const { path } = useLocation();
  const tabs = [
    ['/profile', t('account')],
    ['/profile/security', t('security')],
  ] as const;
  return (
    <nav aria-label={t('label')}>
      <ul className="profile-tabs">
        {tabs.map(([to, label]) => (
          <li key={to}>
            <Link to={to} aria-current={path === to ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

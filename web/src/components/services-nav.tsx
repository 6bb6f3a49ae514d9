// "Smart Services" in the header: the services the member may enter in the active organization (the
// API decides: a `url` and `<slug>:access` held, GET /orgs/{orgId}/services), each with its icon and
// name, linking to its entry page — as Proficloud's navigation lists "all available Smart Services".
//
// The one in use: a Smart Service that sends its users here links with `?service=<slug>` (its
// "Manage users" link); the UI keeps that for the tab's session (sessionStorage), so it stays marked
// while the member moves between Gatehouse's pages. Without that signal nothing is marked: the
// Referer is not one (Gatehouse's pages send none and a service's may not either), and guessing
// would mark the wrong one.
import { useEffect, useId } from 'react';
import { api, ok } from '../api/client.js';
import { useQuery } from '../api/use-query.js';
import { defineMessages, useLocalized, useT } from '../i18n/i18n.js';
import { useLocation } from '../router.js';
import { useSignedIn } from '../session.js';
import { usePopup } from './popup.js';

const messages = defineMessages({
  en: { services: 'Smart Services', inUse: 'in use' },
  de: { services: 'Smart Services', inUse: 'in Verwendung' },
});

const SLUG = /^[a-z][a-z0-9-]{1,39}$/;
const STORAGE_KEY = 'gatehouse.serviceInUse';

function stored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage refused (a private window's settings): nothing is remembered
  }
}
function remember(slug: string) {
  try {
    sessionStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // as above
  }
}

// At load, before any redirect (to sign-in, or from `/` to the first page) drops the query.
const arrivedWith = new URLSearchParams(window.location.search).get('service');
if (arrivedWith && SLUG.test(arrivedWith)) remember(arrivedWith);

/** The Smart Service the member came from: `?service=` of this page, or of an earlier page of this tab. */
function useServiceInUse(): string | null {
  const fromUrl = useLocation().query.get('service');
  const valid = fromUrl !== null && SLUG.test(fromUrl) ? fromUrl : null;
  useEffect(() => {
    if (valid) remember(valid);
  }, [valid]);
  return valid ?? stored();
}

export function ServicesNav() {
  const t = useT(messages);
  const localized = useLocalized();
  const { orgId } = useSignedIn();
  const inUse = useServiceInUse();
  const popup = usePopup();
  const listId = useId();
  const entries = useQuery(orgId ? `/orgs/${orgId}/services` : null, (signal) =>
    ok(api.GET('/orgs/{orgId}/services', { params: { path: { orgId } }, signal })),
  );
  const list = entries.data ?? [];
  // Nothing to enter (or not known yet): no menu at all, rather than an empty one.
  if (list.length === 0) return null;
  const current = list.find((s) => s.slug === inUse);
  return (
    <nav className="services-nav" aria-label={t('services')} ref={popup.root} onKeyDown={popup.onKeyDown}>
      <button
        type="button"
        ref={popup.button}
        className={current ? 'nav-link services-button current' : 'nav-link services-button'}
        aria-expanded={popup.open}
        aria-controls={listId}
        onClick={() => popup.setOpen(!popup.open)}
      >
        {t('services')}
        {current ? <span className="services-current">: {localized(current.name)}</span> : null}
        <span aria-hidden="true"> ▾</span>
      </button>
      {popup.open ? (
        <ul className="menu services-menu" id={listId}>
          {list.map((s) => (
            <li key={s.slug}>
              <a
                className={s === current ? 'menu-item service-entry current' : 'menu-item service-entry'}
                href={s.url}
                aria-current={s === current ? 'true' : undefined}
              >
                <span className="service-name">
                  {s.hasIcon ? (
                    <img className="service-icon" src={`/api/v1/services/${s.slug}/icon`} alt="" width={20} height={20} />
                  ) : (
                    <span className="service-icon" aria-hidden="true" />
                  )}
                  {localized(s.name)}
                </span>
                {s === current ? <span className="badge">{t('inUse')}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </nav>
  );
}

// Roles: the built-in roles (Admin, Editor, Viewer) and the organization's custom roles side by side
// in one permission matrix grouped by Smart Service. Every member may look (GET /roles is open to
// members); only `user-management:roles.manage` creates and edits custom roles.
import { Button, ErrorAlert, Loading, Notice, PageHeader } from '../../components/ui.js';
import { defineMessages, useLang, usePlural, useT } from '../../i18n/i18n.js';
import { roleDescription } from '../../i18n/built-in-roles.js';
import { Link, navigate } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { PermissionMatrix, usePermissionCatalog } from '../permission-matrix.js';
import { useRoles } from './use-roles.js';
import '../pages.css';

const messages = defineMessages({
  en: {
    title: 'Roles',
    intro: 'Permissions are always given to a role, never to a single person. Each member holds one role in this organization.',
    newRole: 'New role',
    builtIn: 'built-in',
    custom: 'custom',
    noCustom: 'This organization has no custom roles yet.',
    edit: 'Edit {name}',
    view: 'View {name}',
    readOnly:
      'You can look at the roles but not change them: creating and editing roles needs the permission “Manage roles”, which only Admins have unless a custom role grants it.',
    matrix: 'Who may do what',
    list: 'Roles of this organization',
    name: 'Role',
    description: 'Description',
    members: 'Members',
    noDescription: 'No description.',
    'memberCount.one': '1 member',
    'memberCount.other': '{n} members',
    'permissionCount.one': '1 permission',
    'permissionCount.other': '{n} permissions',
  },
  de: {
    title: 'Rollen',
    intro:
      'Berechtigungen werden immer einer Rolle gegeben, nie einer einzelnen Person. Jedes Mitglied hat in dieser Organisation eine Rolle.',
    newRole: 'Neue Rolle',
    builtIn: 'eingebaut',
    custom: 'eigene',
    noCustom: 'Diese Organisation hat noch keine eigenen Rollen.',
    edit: '{name} bearbeiten',
    view: '{name} ansehen',
    readOnly:
      'Sie können die Rollen ansehen, aber nicht ändern: Rollen anlegen und bearbeiten erfordert die Berechtigung „Rollen verwalten“, die nur Admins haben, sofern keine eigene Rolle sie gewährt.',
    matrix: 'Wer darf was',
    list: 'Rollen dieser Organisation',
    name: 'Rolle',
    description: 'Beschreibung',
    members: 'Mitglieder',
    noDescription: 'Keine Beschreibung.',
    'memberCount.one': '1 Mitglied',
    'memberCount.other': '{n} Mitglieder',
    'permissionCount.one': '1 Berechtigung',
    'permissionCount.other': '{n} Berechtigungen',
  },
});

export function RolesPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const tp = usePlural(messages);
  const { lang } = useLang();
  const { orgId, can } = useSignedIn();
  const { services, error: catalogError } = usePermissionCatalog();
  const { roles, error } = useRoles(orgId);
  const manage = can('user-management:roles.manage');
  const custom = roles?.filter((r) => !r.builtIn) ?? [];

  return (
    <>
      <PageHeader
        title={t('title')}
        actions={
          manage ? (
            <Button variant="primary" onClick={() => navigate('/roles/new')}>
              + {t('newRole')}
            </Button>
          ) : undefined
        }
      >
        <p className="muted">{t('intro')}</p>
      </PageHeader>
      {manage ? null : <Notice>{t('readOnly')}</Notice>}
      <ErrorAlert error={error ?? catalogError} />
      {!roles || !services ? (
        error || catalogError ? null : (
          <Loading />
        )
      ) : (
        <>
          <h2>{t('list')}</h2>
          <div className="table-wrap">
            <table className="table role-list" aria-label={t('list')}>
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('description')}</th>
                  <th scope="col" className="nowrap">
                    {t('members')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {roles.map((r) => (
                  <tr key={r.id} data-role={r.id}>
                    <th scope="row">
                      {r.builtIn ? (
                        r.name
                      ) : (
                        <Link to={`/roles/${r.id}`} aria-label={manage ? t('edit', { name: r.name }) : t('view', { name: r.name })}>
                          {r.name}
                        </Link>
                      )}
                      <span className="muted role-kind">
                        {r.builtIn ? t('builtIn') : t('custom')} · {tp('permissionCount', r.permissions.length)}
                      </span>
                    </th>
                    <td>{roleDescription(r, lang) || <span className="muted">{t('noDescription')}</span>}</td>
                    <td className="nowrap">{tp('memberCount', r.memberCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {custom.length === 0 ? <p className="muted">{t('noCustom')}</p> : null}
          <h2>{t('matrix')}</h2>
          <PermissionMatrix
            services={services}
            roles={roles}
            head={(r) => (
              <>
                {r.builtIn ? r.name : <Link to={`/roles/${r.id}`}>{r.name}</Link>}
                <span className="muted">{r.builtIn ? t('builtIn') : t('custom')}</span>
              </>
            )}
          />
        </>
      )}
    </>
  );
}

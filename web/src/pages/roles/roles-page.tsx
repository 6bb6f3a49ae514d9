// Roles: the built-in roles (Admin, Editor, Viewer) and the organization's custom roles side by side
// in one permission matrix grouped by Smart Service. Every member may look (GET /roles is open to
// members); only `user-management:roles.manage` creates and edits custom roles.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api.js';
import { Button, ErrorAlert, Loading, Notice, PageHeader } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link, navigate } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { PermissionMatrix, usePermissionCatalog, type Role } from '../permission-matrix.js';
import '../pages.css';

const messages = defineMessages({
  en: {
    title: 'Roles', intro: 'Permissions are always given to a role, never to a single person. Each member holds one role in this organization.',
    newRole: 'New role', builtIn: 'built-in', custom: 'custom', customRoles: 'Custom roles', noCustom: 'This organization has no custom roles yet.',
    edit: 'Edit {name}', view: 'View {name}', readOnly: 'You can look at the roles but not change them: creating and editing roles needs the permission “Manage roles”, which only Admins have unless a custom role grants it.',
    matrix: 'Who may do what',
  },
  de: {
    title: 'Rollen', intro: 'Berechtigungen werden immer einer Rolle gegeben, nie einer einzelnen Person. Jedes Mitglied hat in dieser Organisation eine Rolle.',
    newRole: 'Neue Rolle', builtIn: 'eingebaut', custom: 'eigene', customRoles: 'Eigene Rollen', noCustom: 'Diese Organisation hat noch keine eigenen Rollen.',
    edit: '{name} bearbeiten', view: '{name} ansehen', readOnly: 'Sie können die Rollen ansehen, aber nicht ändern: Rollen anlegen und bearbeiten erfordert die Berechtigung „Rollen verwalten“, die nur Admins haben, sofern keine eigene Rolle sie gewährt.',
    matrix: 'Wer darf was',
  },
});

export function useRoles(orgId: string, reloadOn?: string) {
  const [roles, setRoles] = useState<Role[]>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(() => {
    setError(undefined);
    api.get<Role[]>(`/orgs/${orgId}/roles`).then(setRoles, setError);
  }, [orgId]);
  useEffect(load, [load, reloadOn]);
  return { roles, error, reload: load };
}

export function RolesPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { orgId, can } = useSignedIn();
  const { catalog, error: catalogError } = usePermissionCatalog();
  const { roles, error } = useRoles(orgId);
  const manage = can('user-management:roles.manage');
  const custom = roles?.filter((r) => !r.builtIn) ?? [];

  return (
    <>
      <PageHeader title={t('title')} actions={manage ? <Button variant="primary" onClick={() => navigate('/roles/new')}>+ {t('newRole')}</Button> : undefined}>
        <p className="muted">{t('intro')}</p>
      </PageHeader>
      {manage ? null : <Notice>{t('readOnly')}</Notice>}
      <ErrorAlert error={error ?? catalogError} />
      {!roles || !catalog ? (
        error || catalogError ? null : <Loading />
      ) : (
        <>
          <h2>{t('customRoles')}</h2>
          {custom.length === 0 ? (
            <p className="muted">{t('noCustom')}</p>
          ) : (
            <ul className="role-links" aria-label={t('customRoles')}>
              {custom.map((r) => (
                <li key={r.id}>
                  <Link to={`/roles/${r.id}`} className="btn btn-secondary">{manage ? t('edit', { name: r.name }) : t('view', { name: r.name })}</Link>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('matrix')}</h2>
          <PermissionMatrix
            catalog={catalog}
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

// One role: `/roles/new` creates a custom role, `/roles/<id>` edits one (or shows it read-only: a
// built-in role, or a member without `user-management:roles.manage`). The form is the permission
// matrix with checkboxes; a failed save keeps everything that was ticked and typed.
import { useMemo, useState, type FormEvent } from 'react';
import { api, ok } from '../../api/client.js';
import {
  Button,
  ConfirmDialog,
  ErrorAlert,
  Form,
  Loading,
  Notice,
  NotAllowed,
  PageHeader,
  TextArea,
  TextField,
  useAction,
  useFieldErrors,
} from '../../components/ui.js';
import { defineMessages, useLang, useT } from '../../i18n/i18n.js';
import { roleDescription } from '../../i18n/built-in-roles.js';
import { Link, navigate } from '../../router.js';
import { useSignedIn } from '../../session.js';
import { PermissionMatrix, PermissionPicker, usePermissionCatalog, type Role } from '../permission-matrix.js';
import { useRoles } from './use-roles.js';
import '../pages.css';

const messages = defineMessages({
  en: {
    back: '← All roles',
    newTitle: 'New custom role',
    editTitle: 'Role: {name}',
    name: 'Name',
    nameHint: 'Unique in this organization. “Admin”, “Editor” and “Viewer” are taken by the built-in roles.',
    description: 'Description',
    descriptionHint: 'Optional: what this role is for, for whoever assigns it.',
    permissions: 'Permissions',
    granted: 'Granted',
    create: 'Create role',
    save: 'Save changes',
    saved: 'Saved.',
    delete: 'Delete role',
    deleteTitle: 'Delete the role “{name}”?',
    deleteBody:
      'The role is removed from this organization. This is refused while members or pending invitations still hold it: give them another role first.',
    notFound: 'This role does not exist (any more).',
    builtIn: 'Built-in roles cannot be changed. Create a custom role to combine permissions differently.',
    readOnly: 'You can look at this role but not change it: that needs the permission “Manage roles”.',
    cannotCreate: 'Creating roles needs the permission “Manage roles”, which only Admins have unless a custom role grants it.',
    count: '{n} of {total} permissions',
    escalation: 'You can only grant permissions you hold yourself.',
  },
  de: {
    back: '← Alle Rollen',
    newTitle: 'Neue eigene Rolle',
    editTitle: 'Rolle: {name}',
    name: 'Name',
    nameHint: 'Eindeutig in dieser Organisation. „Admin“, „Editor“ und „Viewer“ sind für die eingebauten Rollen vergeben.',
    description: 'Beschreibung',
    descriptionHint: 'Optional: wofür die Rolle gedacht ist, für alle, die sie vergeben.',
    permissions: 'Berechtigungen',
    granted: 'Erteilt',
    create: 'Rolle anlegen',
    save: 'Änderungen speichern',
    saved: 'Gespeichert.',
    delete: 'Rolle löschen',
    deleteTitle: 'Die Rolle „{name}“ löschen?',
    deleteBody:
      'Die Rolle wird aus dieser Organisation entfernt. Das wird abgelehnt, solange Mitglieder oder offene Einladungen sie noch haben: Geben Sie ihnen zuerst eine andere Rolle.',
    notFound: 'Diese Rolle gibt es nicht (mehr).',
    builtIn: 'Eingebaute Rollen können nicht geändert werden. Legen Sie eine eigene Rolle an, um Berechtigungen anders zu kombinieren.',
    readOnly: 'Sie können diese Rolle ansehen, aber nicht ändern: Dafür ist die Berechtigung „Rollen verwalten“ nötig.',
    cannotCreate:
      'Rollen anlegen erfordert die Berechtigung „Rollen verwalten“, die nur Admins haben, sofern keine eigene Rolle sie gewährt.',
    count: '{n} von {total} Berechtigungen',
    escalation: 'Sie können nur Berechtigungen vergeben, die Sie selbst haben.',
  },
});

export function RolePage({ params }: { params: Record<string, string> }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { orgId, can } = useSignedIn();
  const { catalog, services, error: catalogError } = usePermissionCatalog();
  const { roles, error, loading, reload } = useRoles(orgId);
  const isNew = params.roleId === 'new';
  const manage = can('user-management:roles.manage');
  const role = roles?.find((r) => r.id === params.roleId);

  const back = (
    <Link className="back-link" to="/roles">
      {t('back')}
    </Link>
  );
  if (error || catalogError)
    return (
      <>
        {back}
        <ErrorAlert error={error ?? catalogError} />
      </>
    );
  if (!roles || !catalog || !services) return <Loading />;
  if (isNew && !manage)
    return (
      <>
        {back}
        <PageHeader title={t('newTitle')} />
        <NotAllowed>{t('cannotCreate')}</NotAllowed>
      </>
    );
  // (Just created: the list with the new role is on its way.)
  if (!isNew && !role)
    return loading ? (
      <Loading />
    ) : (
      <>
        {back}
        <NotAllowed>{t('notFound')}</NotAllowed>
      </>
    );

  if (role && (role.builtIn || !manage)) {
    return (
      <>
        {back}
        <PageHeader title={t('editTitle', { name: role.name })}>
          {roleDescription(role, lang) ? <p className="muted">{roleDescription(role, lang)}</p> : null}
        </PageHeader>
        <Notice>{role.builtIn ? t('builtIn') : t('readOnly')}</Notice>
        <PermissionMatrix services={services} roles={[role]} />
      </>
    );
  }
  return <RoleForm key={role?.id ?? 'new'} role={role} catalog={catalog} services={services} back={back} onSaved={reload} />;
}

function RoleForm({
  role,
  catalog,
  services,
  back,
  onSaved,
}: {
  role: Role | undefined;
  catalog: NonNullable<ReturnType<typeof usePermissionCatalog>['catalog']>;
  services: NonNullable<ReturnType<typeof usePermissionCatalog>['services']>;
  back: React.ReactNode;
  onSaved(): void;
}) {
  const t = useT(messages);
  const { orgId, membership } = useSignedIn();
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [selected, setSelected] = useState<Set<string>>(() => new Set(role?.permissions ?? []));
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const held = useMemo(() => new Set(membership?.permissions ?? []), [membership]);

  const save = useAction(async () => {
    // Catalog order, so that the request (and the audit log's before/after) reads like the matrix.
    const permissions = catalog.map((p) => p.key).filter((k) => selected.has(k));
    const body = { name: name.trim(), description: description.trim(), permissions };
    if (role) {
      await ok(api.PATCH('/orgs/{orgId}/roles/{roleId}', { params: { path: { orgId, roleId: role.id } }, body }));
      setSaved(true);
    } else {
      const created = await ok(api.POST('/orgs/{orgId}/roles', { params: { path: { orgId } }, body }));
      navigate(`/roles/${created.id}`, { replace: true });
    }
    // This page shows the role from the list: load it again (after creating, it shows the new role).
    onSaved();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  // A taken name is the name field's problem: shown there, and focus goes there (not to the end of the matrix).
  const errors = useFieldErrors(save.error, { name: ['role.name_taken', 'role.name_confusable', 'role.name_invisible'] });

  return (
    <>
      {back}
      <PageHeader
        title={role ? t('editTitle', { name: role.name }) : t('newTitle')}
        actions={
          role ? (
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              {t('delete')}
            </Button>
          ) : undefined
        }
      />
      <Form error={save.error} onSubmit={submit} noValidate>
        <div className="section form-narrow">
          <TextField
            label={t('name')}
            hint={t('nameHint')}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            required
            maxLength={60}
            error={errors.field('name')}
          />
          <TextArea
            label={t('description')}
            hint={t('descriptionHint')}
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              setSaved(false);
            }}
            maxLength={500}
            error={errors.field('description')}
          />
        </div>
        <h2>{t('permissions')}</h2>
        <p className="muted">
          {t('count', { n: selected.size, total: catalog.filter((p) => !p.deprecated).length })} · {t('escalation')}
        </p>
        <PermissionPicker
          services={services}
          selected={selected}
          onChange={(next) => {
            setSelected(next);
            setSaved(false);
          }}
          held={held}
          columnLabel={t('granted')}
        />
        <ErrorAlert error={errors.general} />
        {saved ? <Notice kind="success">{t('saved')}</Notice> : null}
        <div className="form-actions sticky-actions">
          <Button type="submit" variant="primary" busy={save.busy}>
            {role ? t('save') : t('create')}
          </Button>
        </div>
      </Form>
      {role ? (
        <ConfirmDialog
          open={confirmDelete}
          title={t('deleteTitle', { name: role.name })}
          body={<p>{t('deleteBody')}</p>}
          confirmLabel={t('delete')}
          onClose={() => setConfirmDelete(false)}
          onConfirm={async () => {
            await ok(api.DELETE('/orgs/{orgId}/roles/{roleId}', { params: { path: { orgId, roleId: role.id } } }));
            navigate('/roles');
          }}
        />
      ) : null}
    </>
  );
}

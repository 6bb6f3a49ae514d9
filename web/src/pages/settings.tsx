// Organization settings: the name (`organization:rename`), whether it requires two-factor
// authentication (Admins; security/require-mfa-section.tsx), the billing information
// (`organization:billing.edit`), leaving the organization (every member) and deleting it (Admins,
// confirmed by typing its name). After leaving or deleting, the session is reloaded and the user
// lands on the first page of whichever organization is active now (Users for those who manage
// users, else Devices), told what happened and where they are. The only member cannot leave (the
// organization would be nobody's): they are offered Delete instead.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ok } from '../api/client.js';
import type { Billing, OrganizationDetail } from '../api/types.js';
import { useQuery } from '../api/use-query.js';
import {
  Button,
  ConfirmDialog,
  Dialog,
  ErrorAlert,
  Form,
  Loading,
  Notice,
  PageHeader,
  SelectField,
  TextField,
  useAction,
  useFieldErrors,
} from '../components/ui.js';
import { defineMessages, useFormat, useLang, useT } from '../i18n/i18n.js';
import { homePath, useSession, useSignedIn } from '../session.js';
// The codes the service accepts, generated from src/core/organizations/countries.ts; their names
// come from the browser (Intl.DisplayNames) in the user's language.
import { COUNTRY_CODES } from '../generated/country-codes.js';
import { RequireMfaSection } from './security/require-mfa-section.js';
import './pages.css';

const messages = defineMessages({
  en: {
    title: 'Organization settings',
    created: 'Created {date} · {n} members',
    createdOne: 'Created {date} · 1 member',
    general: 'Name',
    name: 'Organization name',
    nameHint: 'Shown to every member and in invitations.',
    rename: 'Rename',
    renamed: 'The organization was renamed.',
    renameNotAllowed: 'Only members whose role includes “Rename Organization” (Admins) can change the name.',
    billing: 'Billing information',
    billingIntro: 'Billing belongs to the organization, not to a person: invoices for the organization’s Smart Services use these details.',
    billingNotAllowed: 'Only members whose role includes “Change Billing information” (Admins) can see and change the billing information.',
    companyName: 'Company name',
    street: 'Street and number',
    postalCode: 'Postal code',
    city: 'City',
    country: 'Country',
    chooseCountry: 'Choose a country…',
    vatId: 'VAT ID (optional)',
    vatHint: 'For example DE123456789. Stored without spaces.',
    billingEmail: 'Billing e-mail',
    billingEmailHint: 'Invoices are sent to this address.',
    saveBilling: 'Save billing information',
    billingSaved: 'Billing information saved.',
    lastChanged: 'Last changed {date}.',
    leave: 'Leave organization',
    leaveIntro:
      'You lose access to this organization’s devices and data at once. If it is your only organization, a new empty organization is created for you.',
    leaveTitle: 'Leave “{name}”?',
    leaveBody: 'You will no longer have access to the devices and data of “{name}”. To come back, an Admin has to invite you again.',
    leaveLastAdmin: 'If you are its only Admin and others are members, make someone else Admin first: an organization must keep an Admin.',
    deleteOrg: 'Delete organization',
    deleteIntro: 'Deletes the organization with its roles, devices, billing information and pending invitations. This cannot be undone.',
    deleteTitle: 'Delete “{name}” for good?',
    deleteBody:
      'Everything of this organization is deleted: its devices (their tokens stop working), custom roles, billing information and pending invitations.',
    deleteMembers: 'All {n} members lose access at once; members for whom it was the only organization each get a new empty organization.',
    deleteOnlyYou: 'You are its only member. If it is your only organization, a new empty organization is created for you.',
    typeName: 'Type the organization’s name to confirm',
    typeNameHint: 'Type “{name}” exactly.',
    cancel: 'Cancel',
    dangerZone: 'Leave or delete',
    onlyMemberTitle: 'You are the only member of “{name}”',
    onlyMember:
      'An organization cannot be left by its last member: nobody would be left to administer it. If you no longer need it, delete it instead.',
    onlyMemberIntro: 'You are the only member of this organization, so you cannot leave it; you can delete it.',
  },
  de: {
    title: 'Organisationseinstellungen',
    created: 'Erstellt am {date} · {n} Mitglieder',
    createdOne: 'Erstellt am {date} · 1 Mitglied',
    general: 'Name',
    name: 'Name der Organisation',
    nameHint: 'Wird allen Mitgliedern und in Einladungen angezeigt.',
    rename: 'Umbenennen',
    renamed: 'Die Organisation wurde umbenannt.',
    renameNotAllowed: 'Nur Mitglieder, deren Rolle „Organisation umbenennen“ umfasst (Admins), können den Namen ändern.',
    billing: 'Rechnungsdaten',
    billingIntro:
      'Rechnungsdaten gehören zur Organisation, nicht zu einer Person: Rechnungen für die Smart Services der Organisation verwenden diese Angaben.',
    billingNotAllowed: 'Nur Mitglieder, deren Rolle „Rechnungsdaten ändern“ umfasst (Admins), können die Rechnungsdaten sehen und ändern.',
    companyName: 'Firmenname',
    street: 'Straße und Hausnummer',
    postalCode: 'Postleitzahl',
    city: 'Ort',
    country: 'Land',
    chooseCountry: 'Land wählen…',
    vatId: 'USt-IdNr. (optional)',
    vatHint: 'Zum Beispiel DE123456789. Wird ohne Leerzeichen gespeichert.',
    billingEmail: 'E-Mail für Rechnungen',
    billingEmailHint: 'Rechnungen werden an diese Adresse geschickt.',
    saveBilling: 'Rechnungsdaten speichern',
    billingSaved: 'Rechnungsdaten gespeichert.',
    lastChanged: 'Zuletzt geändert am {date}.',
    leave: 'Organisation verlassen',
    leaveIntro:
      'Sie verlieren sofort den Zugriff auf die Geräte und Daten dieser Organisation. Ist es Ihre einzige Organisation, wird für Sie eine neue, leere Organisation angelegt.',
    leaveTitle: '„{name}“ verlassen?',
    leaveBody:
      'Sie haben dann keinen Zugriff mehr auf die Geräte und Daten von „{name}“. Um zurückzukommen, muss ein Admin Sie erneut einladen.',
    leaveLastAdmin:
      'Sind Sie der einzige Admin und gibt es weitere Mitglieder, machen Sie zuerst jemand anderen zum Admin: Eine Organisation braucht immer einen Admin.',
    deleteOrg: 'Organisation löschen',
    deleteIntro:
      'Löscht die Organisation mit ihren Rollen, Geräten, Rechnungsdaten und offenen Einladungen. Das kann nicht rückgängig gemacht werden.',
    deleteTitle: '„{name}“ endgültig löschen?',
    deleteBody:
      'Alles dieser Organisation wird gelöscht: ihre Geräte (deren Tokens funktionieren nicht mehr), eigenen Rollen, Rechnungsdaten und offenen Einladungen.',
    deleteMembers:
      'Alle {n} Mitglieder verlieren sofort den Zugriff; Mitglieder, für die es die einzige Organisation war, bekommen je eine neue, leere Organisation.',
    deleteOnlyYou: 'Sie sind ihr einziges Mitglied. Ist es Ihre einzige Organisation, wird für Sie eine neue, leere Organisation angelegt.',
    typeName: 'Geben Sie zur Bestätigung den Namen der Organisation ein',
    typeNameHint: 'Geben Sie „{name}“ genau so ein.',
    cancel: 'Abbrechen',
    dangerZone: 'Verlassen oder löschen',
    onlyMemberTitle: 'Sie sind das einzige Mitglied von „{name}“',
    onlyMember:
      'Das letzte Mitglied kann eine Organisation nicht verlassen: Niemand könnte sie mehr verwalten. Wenn Sie sie nicht mehr brauchen, löschen Sie sie stattdessen.',
    onlyMemberIntro: 'Sie sind das einzige Mitglied dieser Organisation und können sie daher nicht verlassen, aber löschen.',
  },
});

export function OrgSettingsPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { orgId, can, isAdmin } = useSignedIn();
  const query = useQuery<OrganizationDetail>(`organization ${orgId}`, (signal) =>
    ok(api.GET('/orgs/{orgId}', { params: { path: { orgId } }, signal })),
  );
  const { data: org, error } = query;

  if (error)
    return (
      <>
        <PageHeader title={t('title')} />
        <ErrorAlert error={error} />
      </>
    );
  if (!org) return <Loading />;
  return (
    <>
      <PageHeader title={t('title')}>
        <p className="muted">
          {org.memberCount === 1
            ? t('createdOne', { date: fmt.date(org.createdAt) })
            : t('created', { date: fmt.date(org.createdAt), n: org.memberCount })}
        </p>
      </PageHeader>
      <RenameSection key={`rename-${org.id}`} org={org} onRenamed={query.set} allowed={can('organization:rename')} />
      <RequireMfaSection key={`mfa-${org.id}`} org={org} isAdmin={isAdmin} onSaved={query.set} />
      {can('organization:billing.edit') ? (
        <BillingSection key={`billing-${org.id}`} orgId={org.id} />
      ) : (
        <section className="section" aria-labelledby="billing-h">
          <h2 id="billing-h">{t('billing')}</h2>
          <p className="muted">{t('billingNotAllowed')}</p>
        </section>
      )}
      <LeaveDeleteSection org={org} isAdmin={isAdmin} />
    </>
  );
}

function RenameSection({ org, onRenamed, allowed }: { org: OrganizationDetail; onRenamed(o: OrganizationDetail): void; allowed: boolean }) {
  const t = useT(messages);
  const { refresh } = useSession();
  const [name, setName] = useState(org.name);
  const [done, setDone] = useState(false);
  const rename = useAction(async () => {
    const updated = await ok(api.PATCH('/orgs/{orgId}', { params: { path: { orgId: org.id } }, body: { name: name.trim() } }));
    onRenamed(updated);
    setName(updated.name);
    // The header shows the organization's name from the session: reload it.
    await refresh();
    setDone(true);
  });
  const errors = useFieldErrors(rename.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void rename.run();
  };
  // Read-only, the name is text, not a field that looks editable but is not.
  if (!allowed) {
    return (
      <section className="section" aria-labelledby="general-h">
        <h2 id="general-h">{t('general')}</h2>
        <dl className="details">
          <dt>{t('name')}</dt>
          <dd className="org-name-text">{org.name}</dd>
        </dl>
        <p className="muted">{t('renameNotAllowed')}</p>
      </section>
    );
  }
  return (
    <section className="section" aria-labelledby="general-h">
      <h2 id="general-h">{t('general')}</h2>
      <Form error={rename.error} onSubmit={submit} className="form-narrow">
        <TextField
          label={t('name')}
          hint={t('nameHint')}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setDone(false);
          }}
          required
          maxLength={100}
          error={errors.field('name')}
        />
        <ErrorAlert error={errors.general} />
        {done ? <Notice kind="success">{t('renamed')}</Notice> : null}
        <Button type="submit" variant="primary" busy={rename.busy} disabled={name.trim() === org.name || name.trim() === ''}>
          {t('rename')}
        </Button>
      </Form>
    </section>
  );
}

type BillingForm = {
  companyName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string;
  billingEmail: string;
};
const formOf = (b?: Billing): BillingForm => ({
  companyName: b?.companyName ?? '',
  street: b?.street ?? '',
  postalCode: b?.postalCode ?? '',
  city: b?.city ?? '',
  country: b?.country ?? '',
  vatId: b?.vatId ?? '',
  billingEmail: b?.billingEmail ?? '',
});

function BillingSection({ orgId }: { orgId: string }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { lang } = useLang();
  const [form, setForm] = useState<BillingForm>(formOf());
  const [saved, setSaved] = useState(false);
  const query = useQuery<Billing>(`billing ${orgId}`, (signal) =>
    ok(api.GET('/orgs/{orgId}/billing', { params: { path: { orgId } }, signal })),
  );
  const { data: billing, error: loadError } = query;
  // The form starts from what is stored, and from what the service answered after a save.
  useEffect(() => {
    if (billing) setForm(formOf(billing));
  }, [billing]);

  const countries = useMemo(() => {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region' });
    } catch {
      names = undefined;
    }
    return COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, lang));
  }, [lang]);

  const save = useAction(async () => {
    const body = {
      companyName: form.companyName.trim(),
      street: form.street.trim(),
      postalCode: form.postalCode.trim(),
      city: form.city.trim(),
      country: form.country,
      vatId: form.vatId.trim() || null,
      billingEmail: form.billingEmail.trim(),
    };
    const b = await ok(api.PUT('/orgs/{orgId}/billing', { params: { path: { orgId } }, body }));
    query.set(b);
    setSaved(true);
  });
  const errors = useFieldErrors(save.error);
  const set = (k: keyof BillingForm) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    setSaved(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const err = (field: keyof BillingForm) => errors.field(field);

  return (
    <section className="section" aria-labelledby="billing-h">
      <h2 id="billing-h">{t('billing')}</h2>
      <p className="muted">
        {t('billingIntro')}
        {billing?.updatedAt ? ` ${t('lastChanged', { date: fmt.dateTime(billing.updatedAt) })}` : ''}
      </p>
      <ErrorAlert error={loadError} />
      {billing === undefined && !loadError ? <Loading /> : null}
      {billing ? (
        <Form error={save.error} onSubmit={submit}>
          <div className="form-grid">
            <div className="span-all">
              <TextField
                label={t('companyName')}
                value={form.companyName}
                onChange={set('companyName')}
                required
                maxLength={200}
                autoComplete="organization"
                error={err('companyName')}
              />
            </div>
            <div className="span-all">
              <TextField
                label={t('street')}
                value={form.street}
                onChange={set('street')}
                required
                maxLength={200}
                autoComplete="street-address"
                error={err('street')}
              />
            </div>
            <TextField
              label={t('postalCode')}
              value={form.postalCode}
              onChange={set('postalCode')}
              required
              maxLength={20}
              autoComplete="postal-code"
              error={err('postalCode')}
            />
            <TextField
              label={t('city')}
              value={form.city}
              onChange={set('city')}
              required
              maxLength={100}
              autoComplete="address-level2"
              error={err('city')}
            />
            <SelectField label={t('country')} value={form.country} onChange={set('country')} required error={err('country')}>
              <option value="">{t('chooseCountry')}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('vatId')}
              hint={t('vatHint')}
              value={form.vatId}
              onChange={set('vatId')}
              maxLength={20}
              error={err('vatId')}
            />
            <div className="span-all">
              <TextField
                label={t('billingEmail')}
                hint={t('billingEmailHint')}
                type="email"
                value={form.billingEmail}
                onChange={set('billingEmail')}
                required
                maxLength={254}
                autoComplete="email"
                error={err('billingEmail')}
              />
            </div>
          </div>
          <ErrorAlert error={errors.general} />
          {saved ? <Notice kind="success">{t('billingSaved')}</Notice> : null}
          <Button type="submit" variant="primary" busy={save.busy}>
            {t('saveBilling')}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

function LeaveDeleteSection({ org, isAdmin }: { org: OrganizationDetail; isAdmin: boolean }) {
  const t = useT(messages);
  const { refresh, announce } = useSession();
  const [dialog, setDialog] = useState<'leave' | 'only-member' | 'delete' | undefined>();
  const [typed, setTyped] = useState('');
  const close = () => {
    setDialog(undefined);
    setTyped('');
  };
  // The last member cannot leave (the service says member.last_admin): Delete is what they want.
  const onlyMember = org.memberCount === 1;
  // The service makes another organization active (or a new empty one): reload, land on its first
  // page, and say what happened there.
  const gone = async (kind: 'left' | 'deleted') => {
    const next = await refresh();
    announce({ kind, orgName: org.name, path: homePath(next) });
  };
  const del = useAction(async () => {
    await ok(api.DELETE('/orgs/{orgId}', { params: { path: { orgId: org.id } } }));
    close();
    await gone('deleted');
  });
  const matches = typed.trim() === org.name;
  return (
    <section className="section section-danger" aria-labelledby="danger-h">
      <h2 id="danger-h">{t('dangerZone')}</h2>
      <p>{onlyMember && isAdmin ? t('onlyMemberIntro') : t('leaveIntro')}</p>
      <Button onClick={() => setDialog(onlyMember && isAdmin ? 'only-member' : 'leave')}>{t('leave')}</Button>
      {isAdmin ? (
        <>
          <p>{t('deleteIntro')}</p>
          <Button variant="danger" onClick={() => setDialog('delete')}>
            {t('deleteOrg')}
          </Button>
        </>
      ) : null}

      <ConfirmDialog
        open={dialog === 'leave'}
        title={t('leaveTitle', { name: org.name })}
        body={
          <>
            <p>{t('leaveBody', { name: org.name })}</p>
            {isAdmin ? <p className="muted">{t('leaveLastAdmin')}</p> : null}
          </>
        }
        confirmLabel={t('leave')}
        onClose={close}
        onConfirm={async () => {
          await ok(api.POST('/orgs/{orgId}/leave', { params: { path: { orgId: org.id } } }));
          await gone('left');
        }}
      />
      <Dialog
        open={dialog === 'only-member'}
        title={t('onlyMemberTitle', { name: org.name })}
        onClose={close}
        footer={
          <>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button variant="danger" onClick={() => setDialog('delete')} autoFocus>
              {t('deleteOrg')}
            </Button>
          </>
        }
      >
        <p>{t('onlyMember')}</p>
        <p className="muted">{t('deleteIntro')}</p>
      </Dialog>
      <Dialog open={dialog === 'delete'} title={t('deleteTitle', { name: org.name })} onClose={close}>
        <Form
          error={del.error}
          onSubmit={(e) => {
            e.preventDefault();
            if (matches) void del.run();
          }}
        >
          <p>{t('deleteBody')}</p>
          <p>{onlyMember ? t('deleteOnlyYou') : t('deleteMembers', { n: org.memberCount })}</p>
          <TextField
            label={t('typeName')}
            hint={t('typeNameHint', { name: org.name })}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoFocus
          />
          <ErrorAlert error={del.error} />
          <div className="dialog-footer">
            <Button onClick={close}>{t('cancel')}</Button>
            <Button type="submit" variant="danger" busy={del.busy} disabled={!matches}>
              {t('deleteOrg')}
            </Button>
          </div>
        </Form>
      </Dialog>
    </section>
  );
}

// Passkeys: added with a name of the person's choosing (`POST /me/passkeys/options`, the browser's
// authenticator, `POST /me/passkeys {response, name}`), renamed, removed. A passkey is a second
// factor after the password and also signs in on its own, without the password.
import { useState } from 'react';
import { api, ok } from '../../api/client.js';
import type { Answer, Me } from '../../api/types.js';
import { useQuery } from '../../api/use-query.js';
import { Button, Dialog, ErrorAlert, Form, Loading, Notice, TextField, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useFormat, useT } from '../../i18n/i18n.js';
import { ReauthDialog } from './reauth-dialog.js';
import { RecoveryCodesOnce } from './recovery-codes.js';
import { createPasskey, PasskeyErrorAlert } from './webauthn.js';

type Passkey = Answer<'/me/passkeys', 'get'>['items'][number];

const messages = defineMessages({
  en: {
    title: 'Passkeys',
    intro:
      'A passkey lives on this computer, your phone or a security key, unlocked with your fingerprint, face or PIN. Use it to sign in without a password, or as the second step after it.',
    none: 'You have no passkey yet.',
    name: 'Name',
    created: 'Added',
    lastUsed: 'Last used',
    never: 'Never',
    actions: 'Actions',
    newName: 'Name of the new passkey',
    newNameHint: 'So you can tell your passkeys apart, e.g. “Work laptop” or “YubiKey”.',
    add: 'Add a passkey',
    added: 'The passkey “{name}” was added.',
    rename: 'Rename',
    renameTitle: 'Rename passkey',
    save: 'Save',
    cancel: 'Cancel',
    remove: 'Remove',
    removeTitle: 'Remove the passkey “{name}”?',
    removeBody:
      'You can no longer sign in with it. Remove it from the device too, so it is not offered any more. Confirm with your password and a current second factor (this passkey will do).',
    removed: 'The passkey was removed.',
  },
  de: {
    title: 'Passkeys',
    intro:
      'Ein Passkey liegt auf diesem Computer, Ihrem Telefon oder einem Sicherheitsschlüssel und wird mit Fingerabdruck, Gesicht oder PIN entsperrt. Damit melden Sie sich ohne Passwort an, oder er dient als zweiter Schritt danach.',
    none: 'Sie haben noch keinen Passkey.',
    name: 'Name',
    created: 'Hinzugefügt',
    lastUsed: 'Zuletzt verwendet',
    never: 'Nie',
    actions: 'Aktionen',
    newName: 'Name des neuen Passkeys',
    newNameHint: 'Damit Sie Ihre Passkeys unterscheiden können, z. B. „Arbeitslaptop“ oder „YubiKey“.',
    add: 'Passkey hinzufügen',
    added: 'Der Passkey „{name}“ wurde hinzugefügt.',
    rename: 'Umbenennen',
    renameTitle: 'Passkey umbenennen',
    save: 'Speichern',
    cancel: 'Abbrechen',
    remove: 'Entfernen',
    removeTitle: 'Den Passkey „{name}“ entfernen?',
    removeBody:
      'Sie können sich dann nicht mehr damit anmelden. Entfernen Sie ihn auch vom Gerät, damit er nicht mehr angeboten wird. Bestätigen Sie mit Ihrem Passwort und einem aktuellen zweiten Faktor (dieser Passkey genügt).',
    removed: 'Der Passkey wurde entfernt.',
  },
});

export function PasskeysSection({ factors, email, onChanged }: { factors: Me['mfa']; email: string; onChanged: () => Promise<unknown> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const list = useQuery('me passkeys', (signal) => ok(api.GET('/me/passkeys', { signal })));
  const [name, setName] = useState('');
  const [done, setDone] = useState<string>();
  const [renaming, setRenaming] = useState<Passkey>();
  const [removing, setRemoving] = useState<Passkey>();
  // The first second factor brings recovery codes, shown this once.
  const [codes, setCodes] = useState<string[]>();

  const add = useAction(async () => {
    setDone(undefined);
    const options = await ok(api.POST('/me/passkeys/options'));
    const response = await createPasskey(options);
    const created = await ok(api.POST('/me/passkeys', { body: { response, name: name.trim() } }));
    setName('');
    setDone(t('added', { name: created.passkey.name }));
    if (created.recoveryCodes) setCodes(created.recoveryCodes);
    list.reload();
    await onChanged();
  });
  const errors = useFieldErrors(add.error);
  const items = list.data?.items;

  return (
    <section className="section" aria-labelledby="passkeys-h">
      <h2 id="passkeys-h">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <ErrorAlert error={list.error} />
      {items === undefined && !list.error ? <Loading /> : null}
      {items && items.length === 0 ? <p className="empty">{t('none')}</p> : null}
      {items && items.length > 0 ? (
        <div className="table-wrap passkeys-wrap">
          <table className="table passkey-list">
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('lastUsed')}</th>
                <th scope="col">
                  <span className="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-passkey={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{fmt.date(p.createdAt)}</td>
                  <td>{p.lastUsedAt ? fmt.dateTime(p.lastUsedAt) : t('never')}</td>
                  <td className="actions">
                    <Button
                      onClick={() => {
                        setDone(undefined);
                        setRenaming(p);
                      }}
                      aria-label={`${t('rename')}: ${p.name}`}
                    >
                      {t('rename')}
                    </Button>
                    <Button
                      variant="danger"
                      onClick={() => {
                        setDone(undefined);
                        setRemoving(p);
                      }}
                      aria-label={`${t('remove')}: ${p.name}`}
                    >
                      {t('remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {done ? <Notice kind="success">{done}</Notice> : null}
      {codes ? <RecoveryCodesOnce codes={codes} email={email} onDone={() => setCodes(undefined)} /> : null}
      <Form submit={add} className="form-narrow">
        <TextField
          label={t('newName')}
          hint={t('newNameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          autoComplete="off"
          error={errors.field('name')}
        />
        <PasskeyErrorAlert error={errors.general} />
        <Button type="submit" variant="primary" busy={add.busy}>
          {t('add')}
        </Button>
      </Form>
      <RenameDialog
        passkey={renaming}
        onClose={() => setRenaming(undefined)}
        onRenamed={(p) => {
          list.set((prev) => ({ ...prev, items: (prev?.items ?? []).map((x) => (x.id === p.id ? p : x)) }));
        }}
      />
      <ReauthDialog
        open={removing !== undefined}
        title={t('removeTitle', { name: removing?.name ?? '' })}
        body={<p>{t('removeBody')}</p>}
        submitLabel={t('remove')}
        factors={factors}
        danger
        onClose={() => setRemoving(undefined)}
        onSubmit={async (reauth) => {
          if (!removing) return;
          await ok(api.DELETE('/me/passkeys/{id}', { params: { path: { id: removing.id } }, body: reauth }));
          setDone(t('removed'));
          list.reload();
          await onChanged();
        }}
      />
    </section>
  );
}

function RenameDialog({
  passkey,
  onClose,
  onRenamed,
}: {
  passkey: Passkey | undefined;
  onClose: () => void;
  onRenamed: (p: Passkey) => void;
}) {
  const t = useT(messages);
  const [name, setName] = useState('');
  const [shownFor, setShownFor] = useState<string>();
  // A fresh dialog starts from the passkey's current name.
  if (passkey && shownFor !== passkey.id) {
    setShownFor(passkey.id);
    setName(passkey.name);
  }
  const close = () => {
    setShownFor(undefined);
    save.setError(undefined);
    onClose();
  };
  const save = useAction(async () => {
    if (!passkey) return;
    const updated = await ok(api.PATCH('/me/passkeys/{id}', { params: { path: { id: passkey.id } }, body: { name: name.trim() } }));
    onRenamed(updated);
    close();
  });
  const errors = useFieldErrors(save.error);
  return (
    <Dialog open={passkey !== undefined} title={t('renameTitle')} onClose={close}>
      <Form submit={save}>
        <TextField
          label={t('name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          autoFocus
          autoComplete="off"
          error={errors.field('name')}
        />
        <ErrorAlert error={errors.general} />
        <div className="dialog-footer">
          <Button onClick={close}>{t('cancel')}</Button>
          <Button type="submit" variant="primary" busy={save.busy}>
            {t('save')}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

// The signed-in user's own account: name, language, password, e-mail address and deleting the account.
// The new password uses the shared PasswordField: the service's rules, ticked off live, and the
// rules a `password.too_weak` answer names marked as refused.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, ok } from '../api/client.js';
import type { User } from '../api/types.js';
import {
  Button,
  ConfirmDialog,
  ErrorAlert,
  Form,
  Notice,
  PageHeader,
  SelectField,
  TextField,
  useAction,
  useFieldErrors,
} from '../components/ui.js';
import { defineMessages, LANGS, useFormat, useLang, useT, type Lang } from '../i18n/i18n.js';
import { PasswordField } from '../components/password-field.js';
import { ReauthDialog } from './security/reauth-dialog.js';
import { ProfileTabs } from './security/profile-tabs.js';
import { navigate } from '../router.js';
import { useSession, useSignedIn } from '../session.js';
import './pages.css';

const messages = defineMessages({
  en: {
    title: 'Profile',
    since: '{email} · account since {date}',
    nameH: 'Name',
    firstName: 'First name',
    lastName: 'Last name',
    saveName: 'Save name',
    nameSaved: 'Your name was saved.',
    languageH: 'Language',
    language: 'Language of pages and e-mails',
    languageHint: 'Gatehouse shows its pages and writes every e-mail to you in this language.',
    saveLanguage: 'Save language',
    languageSaved: 'Saved: Gatehouse now writes to you in English.',
    passwordH: 'Password',
    current: 'Current password',
    newPassword: 'New password',
    changePassword: 'Change password',
    passwordChanged: 'Your password was changed. You were signed out on every other device and browser.',
    emailH: 'E-mail address',
    emailIntro:
      'Before you change it: you will be signed out everywhere at once, and the new address takes effect only after you open the confirmation link we mail to it. Until then you sign in with your current address.',
    newEmail: 'New e-mail address',
    emailPassword: 'Your password',
    changeEmail: 'Change e-mail address',
    emailConfirmTitle: 'Change your e-mail address to {email}?',
    emailConfirmBody:
      'You will be signed out on every device now. Open the link we mail to {email} to confirm the change, then sign in with the new address.',
    confirmChange: 'Change and sign out',
    deleteH: 'Delete account',
    deleteIntro:
      'Deletes your account and your memberships. Organizations in which you are the only member are deleted with it. If you are the only Admin of an organization that has other members, make someone else Admin first.',
    deleteAccount: 'Delete my account',
    deleteTitle: 'Delete your account for good?',
    deleteBody: 'Your account, your memberships and the organizations in which you are the only member are deleted. This cannot be undone.',
    deletePassword: 'Your password, to confirm',
  },
  de: {
    title: 'Profil',
    since: '{email} · Konto seit {date}',
    nameH: 'Name',
    firstName: 'Vorname',
    lastName: 'Nachname',
    saveName: 'Name speichern',
    nameSaved: 'Ihr Name wurde gespeichert.',
    languageH: 'Sprache',
    language: 'Sprache für Seiten und E-Mails',
    languageHint: 'In dieser Sprache zeigt Gatehouse seine Seiten an und schreibt Ihnen alle E-Mails.',
    saveLanguage: 'Sprache speichern',
    languageSaved: 'Gespeichert: Gatehouse schreibt Ihnen jetzt auf Deutsch.',
    passwordH: 'Passwort',
    current: 'Aktuelles Passwort',
    newPassword: 'Neues Passwort',
    changePassword: 'Passwort ändern',
    passwordChanged: 'Ihr Passwort wurde geändert. Auf allen anderen Geräten und Browsern wurden Sie abgemeldet.',
    emailH: 'E-Mail-Adresse',
    emailIntro:
      'Bevor Sie sie ändern: Sie werden sofort überall abgemeldet, und die neue Adresse gilt erst, wenn Sie den Bestätigungslink öffnen, den wir an sie schicken. Bis dahin melden Sie sich mit Ihrer bisherigen Adresse an.',
    newEmail: 'Neue E-Mail-Adresse',
    emailPassword: 'Ihr Passwort',
    changeEmail: 'E-Mail-Adresse ändern',
    emailConfirmTitle: 'Ihre E-Mail-Adresse in {email} ändern?',
    emailConfirmBody:
      'Sie werden jetzt auf allen Geräten abgemeldet. Öffnen Sie den Link, den wir an {email} schicken, um die Änderung zu bestätigen, und melden Sie sich dann mit der neuen Adresse an.',
    confirmChange: 'Ändern und abmelden',
    deleteH: 'Konto löschen',
    deleteIntro:
      'Löscht Ihr Konto und Ihre Mitgliedschaften. Organisationen, deren einziges Mitglied Sie sind, werden mitgelöscht. Sind Sie der einzige Admin einer Organisation mit weiteren Mitgliedern, machen Sie zuerst jemand anderen zum Admin.',
    deleteAccount: 'Mein Konto löschen',
    deleteTitle: 'Ihr Konto endgültig löschen?',
    deleteBody:
      'Ihr Konto, Ihre Mitgliedschaften und die Organisationen, deren einziges Mitglied Sie sind, werden gelöscht. Das kann nicht rückgängig gemacht werden.',
    deletePassword: 'Ihr Passwort, zur Bestätigung',
  },
});

export function ProfilePage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const fmt = useFormat();
  const { me } = useSignedIn();
  return (
    <>
      <PageHeader title={t('title')}>
        <p className="muted">{t('since', { email: me.user.email, date: fmt.date(me.user.createdAt) })}</p>
      </PageHeader>
      <ProfileTabs />
      <NameSection user={me.user} />
      <LanguageSection user={me.user} />
      <PasswordSection />
      <EmailSection />
      <DeleteSection />
    </>
  );
}

function NameSection({ user }: { user: User }) {
  const t = useT(messages);
  const { refresh } = useSession();
  const [firstName, setFirstName] = useState(user.firstName);
  const [lastName, setLastName] = useState(user.lastName);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await ok(api.PATCH('/me', { body: { firstName: firstName.trim(), lastName: lastName.trim() } }));
    await refresh();
    setSaved(true);
  });
  const errors = useFieldErrors(save.error);
  return (
    <section className="section" aria-labelledby="name-h">
      <h2 id="name-h">{t('nameH')}</h2>
      <Form submit={save} className="form-narrow">
        <TextField
          label={t('firstName')}
          value={firstName}
          onChange={(e) => {
            setFirstName(e.target.value);
            setSaved(false);
          }}
          required
          maxLength={100}
          autoComplete="given-name"
          error={errors.field('firstName')}
        />
        <TextField
          label={t('lastName')}
          value={lastName}
          onChange={(e) => {
            setLastName(e.target.value);
            setSaved(false);
          }}
          required
          maxLength={100}
          autoComplete="family-name"
          error={errors.field('lastName')}
        />
        <ErrorAlert error={errors.general} />
        {saved ? <Notice kind="success">{t('nameSaved')}</Notice> : null}
        <Button type="submit" variant="primary" busy={save.busy}>
          {t('saveName')}
        </Button>
      </Form>
    </section>
  );
}

/** Each language by its own name, so that someone who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', de: 'Deutsch' };

/** The account's language: its mails are written in it, and the UI switches to it once saved. */
function LanguageSection({ user }: { user: User }) {
  const t = useT(messages);
  const { refresh } = useSession();
  const { setLang } = useLang();
  const [locale, setLocale] = useState<Lang>(user.locale);
  // A switch in the header saves the account's language too: show it here.
  useEffect(() => setLocale(user.locale), [user.locale]);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await ok(api.PATCH('/me', { body: { locale } }));
    setLang(locale);
    await refresh();
    setSaved(true);
  });
  const errors = useFieldErrors(save.error);
  return (
    <section className="section" aria-labelledby="language-h">
      <h2 id="language-h">{t('languageH')}</h2>
      <Form submit={save} className="form-narrow">
        <SelectField
          label={t('language')}
          hint={t('languageHint')}
          value={locale}
          onChange={(e) => {
            setLocale(e.target.value as Lang);
            setSaved(false);
          }}
          error={errors.field('locale')}
        >
          {LANGS.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </SelectField>
        <ErrorAlert error={errors.general} />
        {saved ? <Notice kind="success">{t('languageSaved')}</Notice> : null}
        <Button type="submit" variant="primary" busy={save.busy}>
          {t('saveLanguage')}
        </Button>
      </Form>
    </section>
  );
}

function PasswordSection() {
  const t = useT(messages);
  const { me } = useSignedIn();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const change = useAction(async () => {
    await ok(api.PUT('/me/password', { body: { currentPassword: current, newPassword: next } }));
    setCurrent('');
    setNext('');
    setDone(true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    void change.run();
  };
  // A wrong current password is that field's problem; a weak new one is marked rule by rule below it.
  const errors = useFieldErrors(change.error, { currentPassword: ['auth.wrong_password'] });
  return (
    <section className="section" aria-labelledby="password-h">
      <h2 id="password-h">{t('passwordH')}</h2>
      <Form error={change.error} className="form-narrow" onSubmit={submit}>
        <TextField
          label={t('current')}
          type="password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
          autoComplete="current-password"
          error={errors.field('currentPassword')}
        />
        <PasswordField label={t('newPassword')} value={next} onChange={setNext} email={me.user.email} error={change.error} />
        <ErrorAlert error={errors.general} />
        {done ? <Notice kind="success">{t('passwordChanged')}</Notice> : null}
        <Button type="submit" variant="primary" busy={change.busy}>
          {t('changePassword')}
        </Button>
      </Form>
    </section>
  );
}

function EmailSection() {
  const t = useT(messages);
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [precheck, setPrecheck] = useState<unknown>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPrecheck(undefined);
    setConfirming(true);
  };
  const errors = useFieldErrors(precheck, { newEmail: ['account.email_taken', 'account.same_email'], password: ['auth.wrong_password'] });
  return (
    <section className="section" aria-labelledby="email-h">
      <h2 id="email-h">{t('emailH')}</h2>
      <Notice kind="warning">{t('emailIntro')}</Notice>
      <Form error={precheck} className="form-narrow" onSubmit={submit}>
        <TextField
          label={t('newEmail')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          maxLength={254}
          autoComplete="email"
          error={errors.field('newEmail')}
        />
        <TextField
          label={t('emailPassword')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoComplete="current-password"
          error={errors.field('password')}
        />
        <ErrorAlert error={errors.general} />
        <Button type="submit" variant="primary">
          {t('changeEmail')}
        </Button>
      </Form>
      <ConfirmDialog
        open={confirming}
        title={t('emailConfirmTitle', { email: email.trim() })}
        body={<p>{t('emailConfirmBody', { email: email.trim() })}</p>}
        confirmLabel={t('confirmChange')}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          try {
            await ok(api.POST('/me/email-change', { body: { newEmail: email.trim(), password } }));
          } catch (err) {
            // A field's problem belongs under the form's field; the dialog closes and the input stays.
            if (
              err instanceof ApiError &&
              (err.fieldErrors.length > 0 || ['account.email_taken', 'account.same_email', 'auth.wrong_password'].includes(err.code))
            ) {
              setPrecheck(err);
              return;
            }
            throw err;
          }
          // The service has ended every session: the app goes to the sign-in page with a notice.
          await refresh().catch(() => undefined);
          navigate('/login?notice=email-change', { replace: true });
        }}
      />
    </section>
  );
}

/**
 * Deleting the account asks for the password, and for a current second factor when the account
 * has one (as the service does): the reauthentication dialog of the security page.
 */
function DeleteSection() {
  const t = useT(messages);
  const { refresh } = useSession();
  const { me } = useSignedIn();
  const [open, setOpen] = useState(false);
  return (
    <section className="section section-danger" aria-labelledby="delete-h">
      <h2 id="delete-h">{t('deleteH')}</h2>
      <p>{t('deleteIntro')}</p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t('deleteAccount')}
      </Button>
      <ReauthDialog
        open={open}
        title={t('deleteTitle')}
        body={<p>{t('deleteBody')}</p>}
        submitLabel={t('deleteAccount')}
        passwordLabel={t('deletePassword')}
        factors={me.mfa}
        danger
        onClose={() => setOpen(false)}
        onSubmit={async (reauth) => {
          await ok(api.DELETE('/me', { body: reauth }));
          await refresh().catch(() => undefined);
          navigate('/login?notice=account-deleted', { replace: true });
        }}
      />
    </section>
  );
}

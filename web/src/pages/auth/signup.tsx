import { useEffect, useState } from 'react';
import { api, ok } from '../../api/client.js';
import { useQuery } from '../../api/use-query.js';
import { PasswordField } from '../../components/password-field.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Form, Notice, TextField, useAction, useFieldErrors } from '../../components/ui.js';
import { defineMessages, useLang, useT } from '../../i18n/i18n.js';
import { Link, useLocation } from '../../router.js';
import { rememberInvitation } from './after-sign-in.js';

const messages = defineMessages({
  en: {
    title: 'Create your account',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Create account',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
    checkTitle: 'Check your mail',
    check:
      'We sent a link to {email}. Open it to confirm your address, then sign in. (If the address already has an account, we mailed its owner instead.)',
    invited:
      'You were invited to {org} as {role}. Create your account with {email} and you will join it as soon as you confirm your address.',
    ownOrg: 'You also get an organization of your own, where you are the Admin.',
    back: 'Back to sign-in',
  },
  de: {
    title: 'Konto erstellen',
    firstName: 'Vorname',
    lastName: 'Nachname',
    email: 'E-Mail-Adresse',
    password: 'Passwort',
    submit: 'Konto erstellen',
    haveAccount: 'Sie haben schon ein Konto?',
    signIn: 'Anmelden',
    checkTitle: 'Bitte prüfen Sie Ihr Postfach',
    check:
      'Wir haben einen Link an {email} geschickt. Öffnen Sie ihn, um Ihre Adresse zu bestätigen, und melden Sie sich dann an. (Falls zu der Adresse schon ein Konto gehört, haben wir stattdessen dessen Inhaber benachrichtigt.)',
    invited:
      'Sie wurden als {role} in {org} eingeladen. Erstellen Sie Ihr Konto mit {email}; sobald Sie Ihre Adresse bestätigen, treten Sie bei.',
    ownOrg: 'Sie erhalten außerdem eine eigene Organisation, in der Sie Admin sind.',
    back: 'Zurück zur Anmeldung',
  },
});

export function SignupPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const { query } = useLocation();
  // The account reads the language this page is shown in: its mails (the first one too) are written in it.
  const { lang } = useLang();
  const invitationToken = query.get('invitationToken') || undefined;
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '' });
  const [sentTo, setSentTo] = useState<string>();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  // The invitation this sign-up comes from: named above the form, and its address filled in.
  const { data: invitation } = useQuery(invitationToken ? `invitation-preview ${invitationToken}` : null, (signal) =>
    ok(api.GET('/invitations/preview', { params: { query: { token: invitationToken ?? '' } }, signal })),
  );
  useEffect(() => {
    if (invitation) setForm((f) => (f.email ? f : { ...f, email: invitation.email }));
  }, [invitation]);

  const signup = useAction(async () => {
    const email = form.email.trim();
    await ok(
      api.POST('/auth/signup', {
        body: {
          firstName: form.firstName.trim(),
          lastName: form.lastName.trim(),
          email,
          password: form.password,
          locale: lang,
          ...(invitationToken ? { invitationToken } : {}),
        },
      }),
    );
    if (invitationToken) rememberInvitation(invitationToken);
    setSentTo(email);
  });

  const errors = useFieldErrors(signup.error);
  if (sentTo) {
    return (
      <PublicCard title={t('checkTitle')}>
        <Notice kind="success">{t('check', { email: sentTo })}</Notice>
        <p>
          <Link to={`/login?email=${encodeURIComponent(sentTo)}`}>{t('back')}</Link>
        </p>
      </PublicCard>
    );
  }
  return (
    <PublicCard
      title={t('title')}
      footer={
        <>
          {t('haveAccount')}{' '}
          <Link to={invitationToken ? `/login?next=${encodeURIComponent(`/invitation?token=${invitationToken}`)}` : '/login'}>
            {t('signIn')}
          </Link>
        </>
      }
    >
      {invitation && invitation.status === 'pending' ? (
        <Notice>{t('invited', { org: invitation.organization.name, role: invitation.role.name, email: invitation.email })}</Notice>
      ) : null}
      <Form submit={signup}>
        <div className="field-row">
          <TextField
            label={t('firstName')}
            autoComplete="given-name"
            value={form.firstName}
            onChange={set('firstName')}
            required
            maxLength={100}
            autoFocus
            error={errors.field('firstName')}
          />
          <TextField
            label={t('lastName')}
            autoComplete="family-name"
            value={form.lastName}
            onChange={set('lastName')}
            required
            maxLength={100}
            error={errors.field('lastName')}
          />
        </div>
        <TextField
          label={t('email')}
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          required
          error={errors.field('email')}
        />
        <PasswordField
          label={t('password')}
          value={form.password}
          onChange={(password) => setForm((f) => ({ ...f, password }))}
          email={form.email}
          error={signup.error}
        />
        <p className="muted">{t('ownOrg')}</p>
        <ErrorAlert error={errors.general} />
        <Button type="submit" variant="primary" className="btn-block" busy={signup.busy}>
          {t('submit')}
        </Button>
      </Form>
    </PublicCard>
  );
}

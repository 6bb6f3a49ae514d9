import { useState } from 'react';
import { api, ok } from '../../api/client.js';
import { PublicCard } from '../../components/public-card.js';
import { Button, ErrorAlert, Form, Notice, TextField, useAction } from '../../components/ui.js';
import { defineMessages, useT } from '../../i18n/i18n.js';
import { Link } from '../../router.js';

const messages = defineMessages({
  en: {
    title: 'Forgot your password?',
    intro: 'Enter your e-mail address. If it belongs to an account, we mail you a link to choose a new password.',
    email: 'E-mail address',
    submit: 'Send the link',
    sent: 'If {email} belongs to an account, a link to reset the password is on its way. Check your mail.',
    back: 'Back to sign-in',
  },
  de: {
    title: 'Passwort vergessen?',
    intro: 'Geben Sie Ihre E-Mail-Adresse ein. Gehört sie zu einem Konto, schicken wir Ihnen einen Link für ein neues Passwort.',
    email: 'E-Mail-Adresse',
    submit: 'Link senden',
    sent: 'Falls {email} zu einem Konto gehört, ist ein Link zum Zurücksetzen unterwegs. Bitte prüfen Sie Ihr Postfach.',
    back: 'Zurück zur Anmeldung',
  },
});

export function ForgotPasswordPage(_props: { params: Record<string, string> }) {
  const t = useT(messages);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string>();
  const action = useAction(async () => {
    await ok(api.POST('/auth/password-reset', { body: { email: email.trim() } }));
    setSent(email.trim());
  });
  return (
    <PublicCard title={t('title')} footer={<Link to="/login">{t('back')}</Link>}>
      {sent ? (
        <Notice kind="success">{t('sent', { email: sent })}</Notice>
      ) : (
        <Form submit={action}>
          <p>{t('intro')}</p>
          <TextField
            label={t('email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoFocus
          />
          <ErrorAlert error={action.error} />
          <Button type="submit" variant="primary" className="btn-block" busy={action.busy}>
            {t('submit')}
          </Button>
        </Form>
      )}
    </PublicCard>
  );
}

// Organization settings → "Require two-factor authentication" (`PATCH /orgs/{orgId} {requireMfa}`,
// Admins). Shows how many members still have no second factor (they will be held at enrolment
// the next time they open the organization). An Admin without a factor of their own is refused by
// the service; its message is shown at the switch, with the way to set one up.
import { useId, useState } from 'react';
import { api, ApiError, ok } from '../../api/client.js';
import type { OrganizationDetail } from '../../api/types.js';
import { Button, ErrorAlert, Form, Notice, useAction } from '../../components/ui.js';
import { errorText } from '../../i18n/errors.js';
import { defineMessages, useLang, usePlural, useT } from '../../i18n/i18n.js';
import { Link } from '../../router.js';
import './security.css';

const messages = defineMessages({
  en: {
    title: 'Two-factor authentication',
    label: 'Require two-factor authentication',
    hint: 'Members must sign in with a second factor (an authenticator app or a passkey). Members without one are held at setting it up until they have.',
    'lacking.one': '1 member has no second factor yet.',
    'lacking.other': '{n} members have no second factor yet.',
    allHave: 'Every member has a second factor.',
    save: 'Save',
    saved: 'Saved.',
    setUpOwn: 'Set up your own second factor',
    isRequired: 'This organization requires two-factor authentication of its members.',
    notRequired: 'This organization does not require two-factor authentication.',
    onlyAdmins: 'Only Admins can change this.',
  },
  de: {
    title: 'Zwei-Faktor-Authentifizierung',
    label: 'Zwei-Faktor-Authentifizierung verlangen',
    hint: 'Mitglieder müssen sich mit einem zweiten Faktor anmelden (Authenticator-App oder Passkey). Wer keinen hat, wird zum Einrichten geführt und kann erst danach weiterarbeiten.',
    'lacking.one': '1 Mitglied hat noch keinen zweiten Faktor.',
    'lacking.other': '{n} Mitglieder haben noch keinen zweiten Faktor.',
    allHave: 'Alle Mitglieder haben einen zweiten Faktor.',
    save: 'Speichern',
    saved: 'Gespeichert.',
    setUpOwn: 'Eigenen zweiten Faktor einrichten',
    isRequired: 'Diese Organisation verlangt von ihren Mitgliedern die Zwei-Faktor-Authentifizierung.',
    notRequired: 'Diese Organisation verlangt keine Zwei-Faktor-Authentifizierung.',
    onlyAdmins: 'Nur Admins können das ändern.',
  },
});

/** The service's answers that belong to the switch itself (the Admin has no factor of their own). */
const AT_FIELD = ['organization.mfa_admin_without_factor'];

export function RequireMfaSection({
  org,
  isAdmin,
  onSaved,
}: {
  org: OrganizationDetail;
  isAdmin: boolean;
  onSaved: (org: OrganizationDetail) => void;
}) {
  const t = useT(messages);
  const tp = usePlural(messages);
  const { lang } = useLang();
  const id = useId();
  const [requireMfa, setRequireMfa] = useState(org.requireMfa);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const updated = await ok(api.PATCH('/orgs/{orgId}', { params: { path: { orgId: org.id } }, body: { requireMfa } }));
    onSaved(updated);
    setSaved(true);
  });
  const fieldError = save.error instanceof ApiError && AT_FIELD.includes(save.error.code) ? save.error : undefined;
  const lacking = org.membersWithoutMfa;

  if (!isAdmin) {
    return (
      <section className="section" aria-labelledby="mfa-h">
        <h2 id="mfa-h">{t('title')}</h2>
        <p>{org.requireMfa ? t('isRequired') : t('notRequired')}</p>
        <p className="muted">{t('onlyAdmins')}</p>
      </section>
    );
  }
  return (
    <section className="section" aria-labelledby="mfa-h">
      <h2 id="mfa-h">{t('title')}</h2>
      <Form submit={save} className="form-narrow">
        <div className={`field${fieldError ? ' field-invalid' : ''}`}>
          <div className="policy-toggle">
            <input
              id={id}
              type="checkbox"
              checked={requireMfa}
              onChange={(e) => {
                setRequireMfa(e.target.checked);
                setSaved(false);
                save.setError(undefined);
              }}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={`${id}-hint${fieldError ? ` ${id}-error` : ''}`}
            />
            <label htmlFor={id}>{t('label')}</label>
          </div>
          <div className="field-hint" id={`${id}-hint`}>
            {t('hint')}{' '}
            {typeof lacking === 'number' ? (
              <strong className="lacking-count" data-testid="members-without-mfa">
                {lacking === 0 ? t('allHave') : tp('lacking', lacking)}
              </strong>
            ) : null}
          </div>
          {fieldError ? (
            <div className="field-error" id={`${id}-error`} role="alert">
              {errorText(fieldError.code, lang, fieldError.title)} <Link to="/profile/security">{t('setUpOwn')}</Link>
            </div>
          ) : null}
        </div>
        <ErrorAlert error={fieldError ? undefined : save.error} />
        {saved ? <Notice kind="success">{t('saved')}</Notice> : null}
        <Button type="submit" variant="primary" busy={save.busy} disabled={requireMfa === org.requireMfa}>
          {t('save')}
        </Button>
      </Form>
    </section>
  );
}

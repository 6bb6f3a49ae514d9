// A new password with the policy's rules listed under it and ticked off live as the user types.
// The rules come from the service (GET /auth/password-policy), so the form never states a rule the
// server does not apply; the server still has the last word: a `password.too_weak` answer marks the
// rules it names (e.g. "too common", which only the server can judge) until the password changes.
import { useEffect, useId, useState } from 'react';
import { api, ApiError, ok } from '../api/client.js';
import type { PasswordPolicy, PasswordRuleKey } from '../api/types.js';
import { useQuery } from '../api/use-query.js';
import { defineMessages, useT } from '../i18n/i18n.js';

// Each rule reads on its own after the heading ("Rules for your password:" – "Not a commonly used
// password"), rather than completing a sentence that some rules cannot finish grammatically.
const messages = defineMessages({
  en: {
    rules: 'Rules for your password:',
    min_length: 'At least {n} characters',
    max_length: 'At most {n} characters',
    lowercase: 'A lower-case letter',
    uppercase: 'An upper-case letter',
    digit: 'A digit',
    special: 'A special character, such as ! ? - or a space',
    blocklisted: 'Not a commonly used password (checked when you submit)',
    contains_email: 'Does not contain your e-mail address',
    met: 'met',
    notMet: 'not met yet',
    failed: 'refused by the server',
  },
  de: {
    rules: 'Regeln für Ihr Passwort:',
    min_length: 'Mindestens {n} Zeichen',
    max_length: 'Höchstens {n} Zeichen',
    lowercase: 'Ein Kleinbuchstabe',
    uppercase: 'Ein Großbuchstabe',
    digit: 'Eine Ziffer',
    special: 'Ein Sonderzeichen, etwa ! ? - oder ein Leerzeichen',
    blocklisted: 'Kein häufig verwendetes Passwort (wird beim Absenden geprüft)',
    contains_email: 'Enthält nicht Ihre E-Mail-Adresse',
    met: 'erfüllt',
    notMet: 'noch nicht erfüllt',
    failed: 'vom Server abgelehnt',
  },
});

// The fallback while the policy loads (and if it cannot be loaded): the default policy.
const DEFAULT_POLICY: PasswordPolicy = {
  mode: 'default',
  minLength: 10,
  maxLength: 256,
  rules: ['min_length', 'lowercase', 'uppercase', 'digit', 'special', 'blocklisted', 'contains_email'],
};
// Loaded once per page load: the policy is the service's configuration and does not change.
let cached: Promise<PasswordPolicy> | undefined;

function usePasswordPolicy(): PasswordPolicy {
  const policy = useQuery('password-policy', () => {
    cached ??= ok(api.GET('/auth/password-policy')).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    return cached;
  });
  return policy.data ?? DEFAULT_POLICY;
}

/** The same checks as src/core/passwords/password-policy.ts, for the live preview only. */
function check(rule: PasswordRuleKey, password: string, policy: PasswordPolicy, email: string): boolean | undefined {
  const length = [...password].length;
  switch (rule) {
    case 'min_length':
      return length >= policy.minLength;
    case 'max_length':
      return length <= policy.maxLength;
    case 'lowercase':
      return /\p{Ll}/u.test(password);
    case 'uppercase':
      return /\p{Lu}/u.test(password);
    case 'digit':
      return /\p{Nd}/u.test(password);
    case 'special':
      return /[^\p{L}\p{M}\p{Nd}]/u.test(password);
    case 'contains_email': {
      const local = email.split('@')[0] ?? '';
      const parts = [local, local.split('+')[0] ?? ''].filter((p) => [...p].length >= 4);
      if (parts.length === 0) return password.length > 0 ? true : undefined;
      return password.length > 0 ? !parts.some((p) => password.toLowerCase().includes(p.toLowerCase())) : undefined;
    }
    case 'blocklisted':
      return undefined;
  }
}

export function PasswordField({
  label,
  value,
  onChange,
  email = '',
  error,
  autoComplete = 'new-password',
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  email?: string;
  error?: unknown;
  autoComplete?: string;
  autoFocus?: boolean;
}) {
  const t = useT(messages);
  const policy = usePasswordPolicy();
  const id = useId();
  // Rules the server refused, for the password it refused them for.
  const [refused, setRefused] = useState<{ password: string; rules: Set<string> } | undefined>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new error sets this; typing clears it below.
  useEffect(() => {
    if (error instanceof ApiError && error.code === 'password.too_weak') {
      setRefused({ password: value, rules: new Set(error.fieldErrors.map((e) => e.rule)) });
    }
  }, [error]);
  const serverSays = refused && refused.password === value ? refused.rules : undefined;
  const invalid = serverSays !== undefined && serverSays.size > 0;
  const rules =
    policy.rules.includes('max_length') || [...value].length <= policy.maxLength ? policy.rules : [...policy.rules, 'max_length' as const];
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        maxLength={policy.maxLength * 2}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-rules`}
      />
      <div className="field-hint" id={`${id}-rules`}>
        <span>{t('rules')}</span>
        <ul className="rules">
          {rules.map((rule) => {
            const ok = serverSays?.has(rule) ? false : check(rule, value, policy, email);
            const state = serverSays?.has(rule) ? 'failed' : ok === true ? 'ok' : ok === false && value ? 'todo' : 'neutral';
            return (
              <li key={rule} className={`rule-${state}`} data-rule={rule}>
                {t(rule, { n: rule === 'max_length' ? policy.maxLength : policy.minLength })}
                <span className="sr-only"> — {state === 'ok' ? t('met') : state === 'failed' ? t('failed') : t('notMet')}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

// The one password validator behind signup, reset and change, so that the three can never
// drift apart. It reports every failed rule at once: a user fixing one complaint only to be
// told about the next is the main source of frustration with password rules.
import { readFileSync } from 'node:fs';

export type PasswordPolicyMode = 'default' | 'nist';

export type PasswordRule = 'min_length' | 'max_length' | 'lowercase' | 'uppercase' | 'digit' | 'special' | 'blocklisted' | 'contains_email';

/** `field` is the JSON pointer of the offending input, as passed in by the caller. */
export interface PasswordProblem {
  field: string;
  rule: PasswordRule;
  message: string;
}

// A cap keeps hashing cost bounded; it is far above any passphrase and the password is never
// silently truncated to it (bcrypt-style truncation lets "long-secret…X" log in as "…Y").
export const PASSWORD_MAX_LENGTH = 256;

const POLICIES: Record<PasswordPolicyMode, { minLength: number; maxLength: number; composition: boolean }> = {
  default: { minLength: 10, maxLength: PASSWORD_MAX_LENGTH, composition: true },
  // NIST SP 800-63B-4: length and a blocklist instead of composition rules, which mostly push
  // users towards the predictable "Word1!" shapes the blocklist is made of.
  nist: { minLength: 15, maxLength: PASSWORD_MAX_LENGTH, composition: false },
};

export function passwordRules(mode: PasswordPolicyMode): { minLength: number; maxLength: number; composition: boolean } {
  const rules = POLICIES[mode];
  // The mode comes from configuration at run time; silently falling back to some policy on a
  // typo would weaken (or tighten) every password check without anyone noticing.
  if (rules === undefined) throw new TypeError(`unknown password policy mode: ${String(mode)}`);
  return { ...rules };
}

const MESSAGES: Record<PasswordRule, (min: number) => string> = {
  min_length: (min) => `Use at least ${min} characters.`,
  max_length: () => `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  lowercase: () => 'Include at least one lower-case letter.',
  uppercase: () => 'Include at least one upper-case letter.',
  digit: () => 'Include at least one digit.',
  special: () => 'Include at least one character that is not a letter or a digit (a space counts).',
  blocklisted: () => 'This password is too common; choose another one.',
  contains_email: () => 'Do not use your e-mail address in your password.',
};

const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const DIGIT = /\p{Nd}/u;
// Combining marks belong to the letter before them: a decomposed "Ü" (U+0055 U+0308, as some
// keyboards and macOS produce) must not count as containing a special character. With marks
// excluded, decomposed and composed input classify alike, so no NFC pass is needed here.
const SPECIAL = /[^\p{L}\p{M}\p{Nd}]/u;

// Emails shorter than this in the local part ("bob", "al") would reject far too many
// unrelated passwords for next to no security gain.
const MIN_EMAIL_LOCAL_LENGTH = 4;

export function checkPassword(
  password: string,
  mode: PasswordPolicyMode,
  opts: { field?: string; email?: string } = {},
): PasswordProblem[] {
  const rules = passwordRules(mode);
  const field = opts.field ?? '/password';
  const failed: PasswordRule[] = [];

  // Code points, not UTF-16 units: "🔑" is one character to the user, not two.
  const length = [...password].length;
  if (length < rules.minLength) failed.push('min_length');
  if (length > rules.maxLength) failed.push('max_length');

  if (rules.composition) {
    if (!LOWER.test(password)) failed.push('lowercase');
    if (!UPPER.test(password)) failed.push('uppercase');
    if (!DIGIT.test(password)) failed.push('digit');
    if (!SPECIAL.test(password)) failed.push('special');
  }

  if (isBlocklisted(password)) failed.push('blocklisted');
  if (opts.email !== undefined && containsEmailLocalPart(password, opts.email)) failed.push('contains_email');

  return failed.map((rule) => ({ field, rule, message: MESSAGES[rule](rules.minLength) }));
}

let blocklist: Set<string> | undefined;

function loadBlocklist(): Set<string> {
  // Read lazily and once: the file is ~180 KB and most processes (CLI commands, workers)
  // never check a password. The URL is relative to this module, which works from src/
  // under tsx and from dist/, where the build copies blocklist.txt next to the .js.
  if (blocklist === undefined) {
    const text = readFileSync(new URL('./blocklist.txt', import.meta.url), 'utf8');
    const entries = new Set<string>();
    // Tolerate CRLF from a Windows checkout and stray blank lines.
    for (const line of text.split(/\r?\n/)) {
      const entry = line.trim();
      if (entry !== '') entries.add(entry.toLowerCase());
    }
    blocklist = entries;
  }
  return blocklist;
}

/** Case-insensitive exact match of the whole password against the shipped blocklist. */
export function isBlocklisted(password: string): boolean {
  // NFKC folds look-alike forms (full-width "Ｐａｓｓｗｏｒｄ１！") onto the plain entry, which
  // NIST asks for before comparing against a blocklist.
  return loadBlocklist().has(foldForComparison(password));
}

function foldForComparison(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function containsEmailLocalPart(password: string, email: string): boolean {
  const at = email.lastIndexOf('@');
  const local = at < 0 ? email : email.slice(0, at);
  // "jane.doe+gatehouse@…": the sub-address tag is noise; "jane.doe" is what a user reuses.
  const plus = local.indexOf('+');
  const candidates = plus < 0 ? [local] : [local, local.slice(0, plus)];
  const haystack = foldForComparison(password);
  return candidates.some((c) => [...c].length >= MIN_EMAIL_LOCAL_LENGTH && haystack.includes(foldForComparison(c)));
}

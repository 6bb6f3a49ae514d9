// E-mail addresses are compared and stored in one canonical form: trimmed, lower-cased, with the
// domain in IDNA ASCII form (so `Müller@BÜRO.de` and `müller@xn--bro-hoa.de` are one account) and
// without the DNS root dot. Lower-casing the local part is technically lossy (RFC 5321 lets a host
// distinguish case) but no real mail host does, and treating `Bob@` and `bob@` as two accounts
// would be a gift to impersonators.
import { domainToASCII } from 'node:url';

const LOCAL_PART = /^[^\s@<>()[\]\\,;:"]{1,64}$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Canonical form of a domain, or `undefined` if it is not a valid (IDNA) host name with a dot. */
export function normalizeDomain(domain: string): string | undefined {
  const trimmed = domain.trim().replace(/\.$/, '');
  if (trimmed === '' || /\s/.test(trimmed)) return undefined;
  // The only ASCII a host name may hold: domainToASCII parses URL syntax and would otherwise turn
  // `x.com/evil`, `x.com?` or `ex%41mple.com` into a valid-looking `x.com` / `example.com`.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\x00-\x2c\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (ascii === '' || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  // A numeric top-level label means an IP address, which is not a mail domain we accept.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return undefined;
  return ascii;
}

/** Canonical form of an address, or `undefined` when it is not a usable address. */
export function normalizeEmail(address: string): string | undefined {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  const local = trimmed.slice(0, at).toLowerCase();
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  const domain = normalizeDomain(trimmed.slice(at + 1));
  if (domain === undefined) return undefined;
  const email = `${local}@${domain}`;
  return email.length <= 254 ? email : undefined;
}

/** The canonical domain of an already-normalised address. */
export function domainOf(normalizedEmail: string): string {
  return normalizedEmail.slice(normalizedEmail.lastIndexOf('@') + 1);
}

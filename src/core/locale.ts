// The languages Gatehouse speaks: the web UI's, and every mail's (in the recipient's language).
// A text that people read in either language is a `Localized`: English always, German where there
// is one (a service's manifest may bring only English; the web UI then shows English).

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'de';

export interface Localized {
  en: string;
  de?: string;
}

/**
 * The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the first by
 * weight that is ours, by its primary subtag (`de-AT` is `de`); English when none is.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    return { lang: tag.trim().toLowerCase().split('-')[0]!, q: q ? Number(q[1]) : 1, index };
  });
  const best = ranges.filter((r) => r.q > 0 && isLocale(r.lang)).sort((a, b) => b.q - a.q || a.index - b.index)[0];
  return best ? (best.lang as Locale) : DEFAULT_LOCALE;
}

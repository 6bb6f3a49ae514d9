// English and German. Each page keeps its own messages next to its code (`defineMessages`), so a
// page and its words change together; the type makes a key missing in one language a build error.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

import type { Lang } from './lang.js';
export { LANGS, type Lang } from './lang.js';

export type Messages<K extends string> = { en: Record<K, string>; de: Record<K, string> };

/** Identity at run time; at compile time it checks that `de` has exactly the keys of `en`. */
export function defineMessages<K extends string>(messages: { en: Record<K, string>; de: Record<NoInfer<K>, string> }): Messages<K> {
  return messages;
}

interface LangContext {
  lang: Lang;
  /** The user's choice in this browser: remembered here, and it wins over the account's language. */
  setLang(lang: Lang): void;
  /** The signed-in account's language: taken only while this browser has no choice of its own. */
  followAccount(locale: Lang): void;
}

const Ctx = createContext<LangContext>({ lang: 'en', setLang: () => {}, followAccount: () => {} });
const STORAGE_KEY = 'gatehouse.lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'de') return stored;
  return navigator.language.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const followAccount = useCallback((locale: Lang) => {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'de') return;
    setLangState(locale);
  }, []);
  document.documentElement.lang = lang;
  const value = useMemo(() => ({ lang, setLang, followAccount }), [lang, setLang, followAccount]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLang(): LangContext {
  return useContext(Ctx);
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/** `t('greeting', { name })` with `{name}` placeholders in the message. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { lang } = useLang();
  return useCallback(
    (key: K, params?: Record<string, string | number>) => {
      const text = messages[lang][key] ?? messages.en[key] ?? key;
      return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
    },
    [lang, messages],
  );
}

/** The plural keys of a message table: `rows.one` + `rows.other` give `rows`. */
export type PluralBase<K extends string> = K extends `${infer B}.other` ? B : never;

/**
 * `tp('selected', 1)` picks `selected.one` or `selected.other` by the language's plural rules
 * (Intl.PluralRules) and fills `{n}`: "1 selected device", "2 selected devices".
 */
export function usePlural<K extends string>(messages: Messages<K>) {
  const t = useT(messages);
  const { lang } = useLang();
  const rules = useMemo(() => new Intl.PluralRules(lang), [lang]);
  return useCallback(
    (base: PluralBase<K>, n: number, params: Record<string, string | number> = {}) => {
      const form = `${base}.${rules.select(n)}`;
      const key = (form in messages[lang] ? form : `${base}.other`) as K;
      return t(key, { n, ...params });
    },
    [t, rules, messages, lang],
  );
}

/** A text the service serves in both languages (`{en, de}`, as the permission catalog), in the UI's: English where there is no German. */
export type LocalizedText = { en: string; de?: string };
export function useLocalized() {
  const { lang } = useLang();
  return useCallback((text: LocalizedText) => text[lang] ?? text.en, [lang]);
}

/** Dates and times in the user's language. */
export function useFormat() {
  const { lang } = useLang();
  return useMemo(() => {
    const locale = lang === 'de' ? 'de-DE' : 'en-GB';
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
      dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    };
  }, [lang]);
}

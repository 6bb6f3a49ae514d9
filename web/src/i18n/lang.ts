// The languages of the UI (kept apart from i18n.tsx so that plain .ts code and the unit tests can use it).
export type Lang = 'en' | 'de';
export const LANGS: readonly Lang[] = ['en', 'de'];

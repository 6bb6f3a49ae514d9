// The built-in roles' descriptions in the UI's languages. The service serves them in English (they
// are rows of the roles table); their names (Admin, Editor, Viewer) are the same in both languages.
// Custom roles' descriptions are the organization's own words and are shown as written.
import type { Lang } from './lang.js';

const BUILT_IN_ROLE_DESCRIPTIONS: Record<'admin' | 'editor' | 'viewer', Record<Lang, string>> = {
  admin: {
    en: 'Full access to the organization: members, roles, devices, settings and every Smart Service.',
    de: 'Voller Zugriff auf die Organisation: Mitglieder, Rollen, Geräte, Einstellungen und alle Smart Services.',
  },
  editor: {
    en: 'Works with devices and Smart Services: adds, edits and deletes, but does not manage members or settings.',
    de: 'Arbeitet mit Geräten und Smart Services: fügt hinzu, bearbeitet und löscht, verwaltet aber weder Mitglieder noch Einstellungen.',
  },
  viewer: {
    en: 'Looks but does not change: views devices, dashboards and reports.',
    de: 'Sieht, ändert aber nichts: sieht Geräte, Dashboards und Berichte.',
  },
};

/** A role's description in `lang`: the built-in roles' from the table above, a custom role's as written. */
export function roleDescription(role: { id: string; builtIn: boolean; description: string | null }, lang: Lang): string {
  const builtIn = role.builtIn ? BUILT_IN_ROLE_DESCRIPTIONS[role.id as keyof typeof BUILT_IN_ROLE_DESCRIPTIONS] : undefined;
  return builtIn ? builtIn[lang] : (role.description ?? '');
}

// The permission catalog as `GET /permissions` serves it: every label and description in English
// and German (`{en, de}`), the shape a service's manifest will bring its own in, so that the UI
// shows the catalog in its language without holding any of it.
import type { Localized } from '../locale.js';
import { CATALOG, type Permission, type Service } from './permissions.js';
import { CATALOG_DE } from './permissions.de.js';

export interface PermissionView {
  key: Permission;
  service: Service;
  label: Localized;
  description: Localized;
  deviceScoped: boolean;
}

export function catalogView(): PermissionView[] {
  return CATALOG.map(({ key, label, description, deviceScoped }) => {
    // Every permission has its German (test/unit/permissions.test.ts); one without would show English.
    const de = CATALOG_DE[key];
    return {
      key,
      service: key.slice(0, key.indexOf(':')) as Service,
      label: { en: label, ...(de ? { de: de.label } : {}) },
      description: { en: description, ...(de ? { de: de.description } : {}) },
      deviceScoped,
    };
  });
}

// A Smart Service's manifest (shared/spec/PLATFORM.md "Services and their manifests"): what the
// service offers — its permissions, its resource types — in English and German. `parseManifest`
// validates everything a manifest can get wrong and answers with every problem at once (a 400
// `service.manifest_invalid` listing each field), or `service.limit_exceeded` past the limits, so a
// service team fixes its file in one round. The shape the HTTP route declares is looser on purpose
// (the CLI reads a file and must say the same things), so this is the one place the rules live.
import { fail, type FieldProblem } from '../errors.js';
import type { Localized } from '../locale.js';
import { BUILT_IN_ROLE_IDS, type BuiltInRoleId } from '../authz/permissions.js';

const SERVICE_SLUG = /^[a-z][a-z0-9-]{1,39}$/;
/** An action: dotted segments of lower-case words (`dashboards.view`), as the seed's keys are. */
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const TYPE = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_ACTION = 80;
const MAX_TEXT = 500;

export const MANIFEST_LIMITS = { permissionsPerService: 500, services: 50, resourceTypesPerService: 20, typeDepth: 4 } as const;

/** Gatehouse's own resource type (a device, as `memberships.all_devices` and `member_devices` hold access to it). */
export const DEVICE_TYPE = 'device';

export interface ManifestPermission {
  action: string;
  label: Localized;
  description: Localized;
  /** `device`, one of the service's own types (without the slug), or absent. */
  resourceType?: string;
  roles: BuiltInRoleId[];
}

export interface ManifestResourceType {
  type: string;
  parent?: string;
  name: Localized;
}

export interface Manifest {
  service: string;
  name: Localized;
  url?: string;
  /** The SVG as the manifest brings it (parseManifest); sanitised by the use case before it is stored (icon.ts). */
  icon?: string;
  resourceTypes: ManifestResourceType[];
  permissions: ManifestPermission[];
}

/** `<slug>:<type>`: a service's resource type as it is named outside its manifest. */
export const qualifiedType = (service: string, type: string) => `${service}:${type}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const visible = (s: string) => s.trim().length > 0 && !/\p{Cc}/u.test(s);

/**
 * A checked manifest, or a 400 naming every problem. The icon is only checked to be text here: it is
 * sanitised (and its size and SVG-ness judged, `service.icon_invalid`) by the use case (icon.ts),
 * which needs a DOM this pure function does without.
 */
export function parseManifest(input: unknown): Manifest {
  const problems: FieldProblem[] = [];
  const problem = (field: string, rule: string, message: string) => problems.push({ field, rule, message });

  const localized = (value: unknown, field: string, max = MAX_TEXT): Localized | undefined => {
    if (!isObject(value)) return void problem(field, 'type', 'must be an object {"en": "…", "de": "…"}');
    const out: Localized = { en: '' };
    for (const key of Object.keys(value))
      if (key !== 'en' && key !== 'de') problem(`${field}/${key}`, 'additionalProperties', 'only "en" and "de" are languages of Gatehouse');
    for (const lang of ['en', 'de'] as const) {
      const text = value[lang];
      if (text === undefined) {
        if (lang === 'en') problem(`${field}/en`, 'required', 'English is required');
        continue;
      }
      if (typeof text !== 'string' || !visible(text) || text.length > max)
        problem(`${field}/${lang}`, 'text', `must be visible text of at most ${max} characters`);
      else out[lang] = text;
    }
    return out;
  };

  if (!isObject(input)) fail('service.manifest_invalid', { errors: [{ field: '', rule: 'type', message: 'a manifest is a JSON object' }] });
  const m = input as Record<string, unknown>;
  for (const key of Object.keys(m))
    if (!['service', 'name', 'url', 'icon', 'resourceTypes', 'permissions'].includes(key))
      problem(`/${key}`, 'additionalProperties', 'not a field of a manifest');

  const service = m.service;
  if (typeof service !== 'string' || !SERVICE_SLUG.test(service))
    problem('/service', 'pattern', 'the slug: 2 to 40 of a-z, 0-9 and "-", starting with a letter');
  const slug = typeof service === 'string' ? service : '';
  const name = localized(m.name, '/name', 100);

  let url: string | undefined;
  if (m.url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = typeof m.url === 'string' && m.url.length <= 2000 ? new URL(m.url) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed?.protocol !== 'https:' || parsed.username || parsed.password)
      problem('/url', 'url', 'the entry page: an https:// URL without credentials, at most 2000 characters');
    else url = m.url as string;
  }
  if (m.icon !== undefined && typeof m.icon !== 'string') problem('/icon', 'type', 'an SVG document, as a string');

  // Resource types: unique, parents among them, at most 4 deep, no cycles.
  const types: ManifestResourceType[] = [];
  const rawTypes = m.resourceTypes ?? [];
  if (!Array.isArray(rawTypes)) problem('/resourceTypes', 'type', 'must be an array');
  else {
    if (rawTypes.length > MANIFEST_LIMITS.resourceTypesPerService)
      fail('service.limit_exceeded', {
        publicDetail: `A service declares at most ${MANIFEST_LIMITS.resourceTypesPerService} resource types (this one: ${rawTypes.length}).`,
      });
    rawTypes.forEach((t, i) => {
      const at = `/resourceTypes/${i}`;
      if (!isObject(t)) return void problem(at, 'type', 'must be an object');
      for (const key of Object.keys(t))
        if (!['type', 'parent', 'name'].includes(key)) problem(`${at}/${key}`, 'additionalProperties', 'not a field of a resource type');
      const type = t.type;
      if (typeof type !== 'string' || !TYPE.test(type) || type === DEVICE_TYPE)
        return void problem(`${at}/type`, 'pattern', 'a type: 1 to 40 of a-z, 0-9 and "-", starting with a letter (not "device")');
      if (types.some((x) => x.type === type)) problem(`${at}/type`, 'unique', `"${type}" is declared twice`);
      if (t.parent !== undefined && typeof t.parent !== 'string') problem(`${at}/parent`, 'type', 'must be the name of another type');
      const typeName = localized(t.name, `${at}/name`, 100);
      types.push({ type, ...(typeof t.parent === 'string' ? { parent: t.parent } : {}), name: typeName ?? { en: '' } });
    });
    const byType = new Map(types.map((t) => [t.type, t]));
    types.forEach((t, i) => {
      if (t.parent === undefined) return;
      if (!byType.has(t.parent))
        return void problem(`/resourceTypes/${i}/parent`, 'parent', `"${t.parent}" is not a type of this manifest`);
      // Walk up: a cycle comes back to a type already seen; depth counts the type itself.
      const seen = new Set<string>([t.type]);
      let depth = 1;
      for (let p: string | undefined = t.parent; p !== undefined; p = byType.get(p)?.parent) {
        if (seen.has(p)) return void problem(`/resourceTypes/${i}/parent`, 'cycle', `the parents of "${t.type}" form a cycle`);
        seen.add(p);
        depth++;
      }
      if (depth > MANIFEST_LIMITS.typeDepth)
        problem(
          `/resourceTypes/${i}/parent`,
          'depth',
          `a hierarchy is at most ${MANIFEST_LIMITS.typeDepth} types deep ("${t.type}" is ${depth})`,
        );
    });
  }

  const permissions: ManifestPermission[] = [];
  const rawPermissions = m.permissions;
  if (!Array.isArray(rawPermissions)) problem('/permissions', 'type', 'must be an array');
  else {
    if (rawPermissions.length > MANIFEST_LIMITS.permissionsPerService)
      fail('service.limit_exceeded', {
        publicDetail: `A service declares at most ${MANIFEST_LIMITS.permissionsPerService} permissions (this one: ${rawPermissions.length}).`,
      });
    const typeNames = new Set(types.map((t) => t.type));
    const actions = new Set<string>();
    rawPermissions.forEach((p, i) => {
      const at = `/permissions/${i}`;
      if (!isObject(p)) return void problem(at, 'type', 'must be an object');
      for (const key of Object.keys(p))
        if (!['action', 'label', 'description', 'resourceType', 'roles'].includes(key))
          problem(`${at}/${key}`, 'additionalProperties', 'not a field of a permission');
      const action = p.action;
      if (typeof action !== 'string' || action.length > MAX_ACTION || !ACTION.test(action))
        problem(
          `${at}/action`,
          'pattern',
          `an action: dotted lower-case words such as "dashboards.view", at most ${MAX_ACTION} characters`,
        );
      else if (actions.has(action)) problem(`${at}/action`, 'unique', `"${action}" is declared twice`);
      else actions.add(action);
      const label = localized(p.label, `${at}/label`, 100);
      const description = localized(p.description, `${at}/description`);
      const resourceType = p.resourceType;
      if (
        resourceType !== undefined &&
        (typeof resourceType !== 'string' || (resourceType !== DEVICE_TYPE && !typeNames.has(resourceType)))
      )
        problem(`${at}/resourceType`, 'resource_type', '"device", one of this manifest\'s resourceTypes, or absent');
      const roles = p.roles ?? [];
      if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || !(BUILT_IN_ROLE_IDS as readonly string[]).includes(r)))
        problem(`${at}/roles`, 'roles', 'a list of built-in roles: "admin", "editor", "viewer"');
      else if (new Set(roles).size !== roles.length) problem(`${at}/roles`, 'unique', 'each role once');
      permissions.push({
        action: typeof action === 'string' ? action : '',
        label: label ?? { en: '' },
        description: description ?? { en: '' },
        ...(typeof resourceType === 'string' ? { resourceType } : {}),
        roles: Array.isArray(roles) ? (roles as BuiltInRoleId[]) : [],
      });
    });
  }

  if (problems.length > 0) fail('service.manifest_invalid', { errors: problems.slice(0, 100) });
  return {
    service: slug,
    name: name!,
    ...(url ? { url } : {}),
    ...(typeof m.icon === 'string' ? { icon: m.icon } : {}),
    resourceTypes: types,
    permissions,
  };
}

/** A permission's key: `<slug>:<action>`. */
export const permissionKey = (service: string, action: string) => `${service}:${action}`;

/** The stored form of a permission's `resourceType`: `device`, `<slug>:<type>`, or null. */
export const storedResourceType = (service: string, resourceType: string | undefined) =>
  resourceType === undefined ? null : resourceType === DEVICE_TYPE ? DEVICE_TYPE : qualifiedType(service, resourceType);

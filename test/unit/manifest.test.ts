// The manifest's rules (core/services/manifest.ts), table-driven: what passes, and what each broken
// rule answers (every problem at once, each with its field and rule).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isAppError } from '../../src/core/errors.js';
import { parseManifest, storedResourceType } from '../../src/core/services/manifest.js';

const TSD = JSON.parse(readFileSync(new URL('../../examples/manifests/tsd.json', import.meta.url), 'utf8'));
const base = () => ({
  service: 'svc',
  name: { en: 'Service' },
  permissions: [{ action: 'access', label: { en: 'Access' }, description: { en: 'Open it' }, roles: ['admin'] }] as unknown[],
  resourceTypes: [] as unknown[],
});
const chain = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: `t${i}`, ...(i > 0 ? { parent: `t${i - 1}` } : {}), name: { en: `T${i}` } }));

function problems(input: unknown): { code: string; rules: string[]; fields: string[] } {
  try {
    parseManifest(input);
  } catch (e) {
    assert.ok(isAppError(e), `an AppError: ${e}`);
    const errors = e.options.errors ?? [];
    return { code: e.code, rules: errors.map((x) => x.rule), fields: errors.map((x) => x.field) };
  }
  return { code: 'ok', rules: [], fields: [] };
}

describe('parseManifest', () => {
  test('the example tsd manifest and the smallest manifest pass', () => {
    const m = parseManifest(TSD);
    assert.equal(m.service, 'tsd');
    assert.deepEqual(
      m.resourceTypes.map((t) => [t.type, t.parent]),
      [
        ['dashboard-group', undefined],
        ['dashboard', 'dashboard-group'],
      ],
    );
    assert.equal(parseManifest(base()).permissions.length, 1, 'one permission, no types');
    assert.equal(parseManifest({ ...base(), resourceTypes: chain(4) }).resourceTypes.length, 4, 'four deep is allowed');
    assert.equal(parseManifest({ ...base(), url: 'https://svc.example.com/' }).url, 'https://svc.example.com/');
  });

  const cases: [string, unknown, string, string][] = [
    ['a slug with capitals', { ...base(), service: 'Svc' }, 'pattern', '/service'],
    ['a one-letter slug', { ...base(), service: 's' }, 'pattern', '/service'],
    ['no English name', { ...base(), name: { de: 'Dienst' } }, 'required', '/name/en'],
    ['a third language', { ...base(), name: { en: 'S', fr: 'S' } }, 'additionalProperties', '/name/fr'],
    [
      'a label of only spaces',
      { ...base(), permissions: [{ action: 'a', label: { en: '  ' }, description: { en: 'x' } }] },
      'text',
      '/permissions/0/label/en',
    ],
    [
      'an unknown role',
      { ...base(), permissions: [{ action: 'a', label: { en: 'A' }, description: { en: 'x' }, roles: ['owner'] }] },
      'roles',
      '/permissions/0/roles',
    ],
    [
      'a resource type of no one',
      { ...base(), permissions: [{ action: 'a', label: { en: 'A' }, description: { en: 'x' }, resourceType: 'dashboard' }] },
      'resource_type',
      '/permissions/0/resourceType',
    ],
    [
      'an action with a colon',
      { ...base(), permissions: [{ action: 'a:b', label: { en: 'A' }, description: { en: 'x' } }] },
      'pattern',
      '/permissions/0/action',
    ],
    ['an http url', { ...base(), url: 'http://svc.example.com' }, 'url', '/url'],
    ['a url with credentials', { ...base(), url: 'https://u:p@svc.example.com' }, 'url', '/url'],
    ['an icon that is not text', { ...base(), icon: { svg: true } }, 'type', '/icon'],
    ['five deep', { ...base(), resourceTypes: chain(5) }, 'depth', '/resourceTypes/4/parent'],
    ['its own parent', { ...base(), resourceTypes: [{ type: 'a', parent: 'a', name: { en: 'A' } }] }, 'cycle', '/resourceTypes/0/parent'],
    [
      'a parent of no one',
      { ...base(), resourceTypes: [{ type: 'a', parent: 'b', name: { en: 'A' } }] },
      'parent',
      '/resourceTypes/0/parent',
    ],
    ['the type "device"', { ...base(), resourceTypes: [{ type: 'device', name: { en: 'D' } }] }, 'pattern', '/resourceTypes/0/type'],
    [
      'a type twice',
      {
        ...base(),
        resourceTypes: [
          { type: 'a', name: { en: 'A' } },
          { type: 'a', name: { en: 'A' } },
        ],
      },
      'unique',
      '/resourceTypes/1/type',
    ],
    ['an unknown field', { ...base(), owner: 'me' }, 'additionalProperties', '/owner'],
  ];
  for (const [name, input, rule, field] of cases) {
    test(`refuses ${name}`, () => {
      const got = problems(input);
      assert.equal(got.code, 'service.manifest_invalid', name);
      assert.ok(got.rules.includes(rule) && got.fields.includes(field), `${name}: ${JSON.stringify(got)}`);
    });
  }

  test('every problem at once', () => {
    const got = problems({ service: 'X', name: {}, url: 'ftp://x', permissions: [{ action: '', label: {}, description: {} }] });
    assert.ok(got.fields.length >= 6, JSON.stringify(got));
  });

  test('a cycle through several types is found, not followed forever', () => {
    const got = problems({
      ...base(),
      resourceTypes: [
        { type: 'a', parent: 'c', name: { en: 'A' } },
        { type: 'b', parent: 'a', name: { en: 'B' } },
        { type: 'c', parent: 'b', name: { en: 'C' } },
      ],
    });
    assert.deepEqual([...new Set(got.rules)], ['cycle'], JSON.stringify(got));
  });

  test('limits: 500 permissions and 20 resource types', () => {
    const perms = (n: number) => Array.from({ length: n }, (_, i) => ({ action: `p${i}`, label: { en: 'P' }, description: { en: 'P' } }));
    assert.equal(parseManifest({ ...base(), permissions: perms(500) }).permissions.length, 500);
    assert.equal(problems({ ...base(), permissions: perms(501) }).code, 'service.limit_exceeded');
    const flat = (n: number) => Array.from({ length: n }, (_, i) => ({ type: `t${i}`, name: { en: 'T' } }));
    assert.equal(parseManifest({ ...base(), resourceTypes: flat(20) }).resourceTypes.length, 20);
    assert.equal(problems({ ...base(), resourceTypes: flat(21) }).code, 'service.limit_exceeded');
  });

  test('not an object: one problem, no crash', () => {
    for (const input of [null, 'tsd', 42, []]) assert.equal(problems(input).code, 'service.manifest_invalid', JSON.stringify(input));
  });

  test('the stored resource type: device stays device, an own type gets the slug, none is null', () => {
    assert.equal(storedResourceType('tsd', 'device'), 'device');
    assert.equal(storedResourceType('tsd', 'dashboard'), 'tsd:dashboard');
    assert.equal(storedResourceType('tsd', undefined), null);
  });
});

// The catalog Gatehouse ships (its manifests, src/store/manifests/) must be exactly the one in
// shared/spec/PERMISSIONS.md: same keys, same labels, and the same Admin / Editor / Viewer columns.
// The spec file is read (shared/spec/ beside the repository, or the repository's identical copy in
// spec/ when shared/ is not there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  BUILT_IN_ROLES,
  GATEHOUSE_PERMISSIONS,
  isBuiltInRole,
  missingOwnPermissions,
  type Permission,
} from '../../src/core/authz/permissions.js';
import { CATALOG, PERMISSION_KEYS, builtInRolePermissions, isDeviceScoped } from '../support/shipped-catalog.js';
import { sharedSpecPath, specPath as specFile, vendoredSpecPath } from '../support/spec.js';

const specPath = specFile('PERMISSIONS.md');

function specRows() {
  const rows: { key: string; label: string; a: boolean; e: boolean; v: boolean }[] = [];
  for (const line of readFileSync(specPath, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | key | label | A | E | V |
    if (cells.length === 7 && /^[a-z-]+:[a-z.-]+$/.test(cells[1]!)) {
      rows.push({ key: cells[1]!, label: cells[2]!, a: cells[3] === 'x', e: cells[4] === 'x', v: cells[5] === 'x' });
    }
  }
  return rows;
}

test("the repository's copy of PERMISSIONS.md is the spec itself", () => {
  assert.ok(existsSync(vendoredSpecPath('PERMISSIONS.md')), "expected existsSync(vendoredSpecPath('PERMISSIONS.md'))");
  if (existsSync(sharedSpecPath('PERMISSIONS.md'))) {
    assert.equal(
      readFileSync(vendoredSpecPath('PERMISSIONS.md'), 'utf8'),
      readFileSync(sharedSpecPath('PERMISSIONS.md'), 'utf8'),
      'copy shared/spec/PERMISSIONS.md to spec/',
    );
  }
});

test('the catalog has exactly the 60 permissions of PERMISSIONS.md, with their labels', () => {
  const rows = specRows();
  assert.equal(rows.length, 60);
  assert.deepEqual([...PERMISSION_KEYS].sort(), rows.map((r) => r.key).sort());
  for (const row of rows) {
    const entry = CATALOG.find((e) => e.key === row.key)!;
    // The two permissions this project added carry a longer label in the spec ("Change device access: …").
    assert.ok(row.label.startsWith(entry.label.en), `${row.key}: "${entry.label.en}" vs "${row.label}"`);
  }
});

test('Admin, Editor and Viewer hold exactly the columns of PERMISSIONS.md', () => {
  const rows = specRows();
  const expected = (col: 'a' | 'e' | 'v') =>
    rows
      .filter((r) => r[col])
      .map((r) => r.key)
      .sort();
  assert.deepEqual(builtInRolePermissions('admin').sort(), expected('a'));
  assert.deepEqual(builtInRolePermissions('editor').sort(), expected('e'));
  assert.deepEqual(builtInRolePermissions('viewer').sort(), expected('v'));
  assert.equal(builtInRolePermissions('admin').length, 60);
});

test('every key is service:action and unique; the keys the code checks are all in the shipped catalog', () => {
  assert.equal(new Set(PERMISSION_KEYS).size, PERMISSION_KEYS.length);
  for (const key of PERMISSION_KEYS) assert.match(key, /^[a-z-]+:[a-z.-]+$/, key);
  assert.deepEqual(missingOwnPermissions(new Set(PERMISSION_KEYS)), [], 'every key of GATEHOUSE_PERMISSIONS is shipped');
  assert.deepEqual(missingOwnPermissions(new Set()), [...GATEHOUSE_PERMISSIONS], 'an empty catalog lacks all of them');
  // @ts-expect-error a misspelt key does not compile
  const misspelt: Permission = 'user-managment:access';
  assert.equal((GATEHOUSE_PERMISSIONS as readonly string[]).includes(misspelt), false);
});

test('each permission names its service; access permissions are not device-scoped', () => {
  for (const p of CATALOG) {
    assert.equal(p.service, p.key.split(':')[0], p.key);
    if (p.key.endsWith(':access') || p.key === 'device-management:devices.add') assert.equal(p.deviceScoped, false, p.key);
  }
  assert.equal(CATALOG.find((p) => p.key === 'device-management:firmware.update')!.deviceScoped, true, 'firmware updates are per device');
});

test('the built-in roles: their names, and isBuiltInRole knows exactly those three', () => {
  assert.deepEqual(
    Object.entries(BUILT_IN_ROLES).map(([id, r]) => [id, r.name]),
    [
      ['admin', 'Admin'],
      ['editor', 'Editor'],
      ['viewer', 'Viewer'],
    ],
    'ids and names',
  );
  for (const id of ['admin', 'editor', 'viewer']) assert.equal(isBuiltInRole(id), true, id);
  for (const id of ['rol_x', 'Admin', '', 'toString', '__proto__']) assert.equal(isBuiltInRole(id), false, JSON.stringify(id));
});

test('isDeviceScoped: resourceType "device" of the manifests', () => {
  for (const e of CATALOG) assert.equal(isDeviceScoped(e.key), e.resourceType === 'device', e.key);
  assert.equal(isDeviceScoped('device-management:access'), false, 'opening the service is not');
});

test('every permission has a German label and description', () => {
  for (const p of CATALOG) {
    assert.ok(p.label.de && p.label.de.trim() !== '', `${p.key}: German label`);
    assert.ok(p.description.de && p.description.de.trim() !== '', `${p.key}: German description`);
    assert.notEqual(p.description.de, p.description.en, `${p.key}: the German description is not the English one`);
  }
});

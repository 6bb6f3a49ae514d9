// The authorization cache holds only organizations that exist (issue 13, item 6): a storm of
// made-up organization ids is answered, loads each once, and neither takes a place in the cache nor
// evicts a real organization's index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthzEngine, type AuthzLoader } from '../../src/core/authz/authz-engine.js';
import { permissionBits, type OrgIndex } from '../../src/core/authz/decision-index.js';
import { indexFrom } from '../support/org-index.js';
import { SHIPPED_INDEX } from '../support/shipped-catalog.js';

function realIndex(orgId: string): OrgIndex {
  return indexFrom({
    orgId,
    version: 1,
    catalog: SHIPPED_INDEX,
    devices: [],
    members: [['usr_a', { isAdmin: true, allDevices: false, permissions: permissionBits(SHIPPED_INDEX, ['device-management:access']) }]],
  });
}

test('an organization that does not exist is answered but never cached, and evicts no real one', async () => {
  const real = new Set(['org_real1', 'org_real2']);
  const loader: AuthzLoader = {
    loadCatalog: async () => SHIPPED_INDEX,
    load: async (orgId) => (real.has(orgId) ? realIndex(orgId) : undefined),
  };
  const engine = createAuthzEngine(loader, { maxOrganizations: 2 });
  for (const orgId of real) {
    assert.deepEqual(
      await engine.check({ userId: 'usr_a', organizationId: orgId, permission: 'device-management:access' }),
      { allowed: true, reason: 'granted' },
      `the member of ${orgId}`,
    );
  }
  const cachedReal = engine.peek('org_real1');
  assert.ok(cachedReal, 'the real organization is in memory');

  for (let i = 0; i < 1000; i++) {
    const answer = await engine.check({ userId: 'usr_a', organizationId: `org_made${i}`, permission: 'device-management:access' });
    assert.deepEqual(answer, { allowed: false, reason: 'not_member' }, `a made-up organization: not_member (${i})`);
  }
  const stats = engine.stats();
  assert.equal(stats.unknown, 1000, 'each made-up id was looked up');
  assert.equal(stats.evictions, 0, 'nothing was evicted to make room for them');
  assert.equal(stats.cached, 2, 'only the two real organizations are in memory');
  assert.equal(engine.peek('org_real1'), cachedReal, "the real organization's index is still the one in memory");
  assert.ok(engine.peek('org_real2'), 'and the other one too');
});

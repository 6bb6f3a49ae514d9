// The decision cache's ordering rules, with the network's timing under the test's control: an
// answer that was in flight when an event arrived is used once but not kept, and a revision the
// caller names is never answered from an older entry. (Its behaviour against a real Gatehouse is
// test/integration/sdk-client.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { CheckAnswer, CheckQuery } from '../src/client.js';
import { createDecisionCache } from '../src/decision-cache.js';
import { verifyWebhook } from '../src/webhooks.js';

const q: CheckQuery = { userId: 'usr_1', organizationId: 'org_1', permission: 'tsd:dashboards.view' };

/** A Gatehouse whose answers the test releases one by one. */
function slowGatehouse() {
  const pending: { query: CheckQuery & { atLeastRevision?: number }; answer: (a: CheckAnswer) => void }[] = [];
  return {
    pending,
    check: (query: CheckQuery) => new Promise<CheckAnswer>((resolve) => pending.push({ query, answer: resolve })),
  };
}

test('an answer computed before an event it was overtaken by is returned but not kept', async () => {
  const gh = slowGatehouse();
  const cache = createDecisionCache(gh);
  const first = cache.check(q);
  cache.onEvent({ organizationId: 'org_1', revision: 7 }); // the event arrives while the question is out
  gh.pending[0]!.answer({ allowed: true, reason: 'granted', revision: 6 } as CheckAnswer);
  assert.equal((await first).allowed, true, 'the caller gets the answer it asked for');
  assert.equal(cache.peek(q), undefined, 'an answer at revision 6 is not kept after an event of revision 7');
  const second = cache.check(q);
  gh.pending[1]!.answer({ allowed: false, reason: 'permission_denied', revision: 7 } as CheckAnswer);
  assert.equal((await second).allowed, false, 'asked again');
  assert.equal(cache.peek(q)?.allowed, false, 'an answer at the event’s revision is kept');
});

test('atLeastRevision: an older cached answer is not used, and the question carries the revision', async () => {
  const gh = slowGatehouse();
  const cache = createDecisionCache(gh);
  const first = cache.check(q);
  gh.pending[0]!.answer({ allowed: true, reason: 'granted', revision: 3 } as CheckAnswer);
  await first;
  assert.equal(cache.peek(q, 3)?.allowed, true, 'cached at 3 satisfies at least 3');
  assert.equal(cache.peek(q, 4), undefined, 'but not at least 4');
  const second = cache.check(q, { atLeastRevision: 4 });
  assert.equal(gh.pending[1]?.query.atLeastRevision, 4, 'Gatehouse is asked for state at least that new');
  gh.pending[1]!.answer({ allowed: true, reason: 'granted', revision: 4 } as CheckAnswer);
  await second;
  assert.equal(cache.stats().misses, 2, 'two questions went out');
});

test('an event without an organization (service.manifest_changed: a permission may be deprecated) drops every organization', async () => {
  const gh = slowGatehouse();
  const cache = createDecisionCache(gh);
  const other = { ...q, organizationId: 'org_2' };
  for (const query of [q, other]) {
    const p = cache.check(query);
    gh.pending.at(-1)!.answer({ allowed: true, reason: 'granted', revision: 1 } as CheckAnswer);
    await p;
  }
  cache.onEvent({ organizationId: null, revision: null });
  assert.equal(cache.peek(q), undefined, 'org_1 dropped');
  assert.equal(cache.peek(other), undefined, 'org_2 dropped');
});

test('verifyWebhook accepts what standardwebhooks signed, in any header case, and refuses a changed body', () => {
  const secret = `whsec_${Buffer.from('a secret of thirty-two bytes!!!!').toString('base64')}`;
  const body = JSON.stringify({ id: 'evt_1', type: 'member.removed', organizationId: 'org_1', occurredAt: '', revision: 2, data: {} });
  const now = new Date();
  const signature = new Webhook(secret).sign('msg_1', now, body);
  const headers = { 'Webhook-Id': 'msg_1', 'Webhook-Timestamp': String(Math.floor(now.getTime() / 1000)), 'Webhook-Signature': signature };
  assert.equal(verifyWebhook(secret, body, headers).type, 'member.removed', 'the event comes back');
  assert.throws(() => verifyWebhook(secret, body.replace('org_1', 'org_2'), headers), /signature/i, 'a changed body is refused');
});

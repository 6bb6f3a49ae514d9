// The password hasher over its threads: a right password verifies; a wrong one, or a malformed stored
// hash, does not (false, not an error); parameters weaker than OWASP's minimum are refused.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPasswordHasher } from '../../src/core/accounts/password-hasher.js';

const hasher = createPasswordHasher({ concurrency: 1, queueLimit: 10 });
after(() => hasher.close());

test('a right password verifies; a wrong one, or one checked against a malformed hash, does not', async () => {
  const stored = await hasher.hash('Correct-Horse-42');
  assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await hasher.verify(stored, 'Correct-Horse-42'), true);
  assert.equal(await hasher.verify(stored, 'Correct-Horse-43'), false);
  for (const broken of ['', 'not a hash', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$', stored.slice(0, -4)]) {
    assert.equal(await hasher.verify(broken, 'Correct-Horse-42'), false, broken);
  }
  await hasher.verifyDummy('anything');
  assert.equal(hasher.stats().verifications, 7);
});

test('parameters below the OWASP minimum are refused before any thread starts', () => {
  assert.throws(
    () => createPasswordHasher({ concurrency: 1, queueLimit: 1, params: { memoryCost: 1024, timeCost: 2, parallelism: 1 } }),
    /OWASP/,
  );
});

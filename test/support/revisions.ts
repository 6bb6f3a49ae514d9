// The authorization API's answers carry the organization's revision (`revision`, per result in a
// batch). Tests that compare decisions whole take it out here, after checking it is there and a
// whole number; what the revision promises is tested in resources.test.ts and
// authz-several-instances.test.ts.
import assert from 'node:assert/strict';
import type { TestService } from './service.js';

function stripRevisions(body: { revision?: unknown; results?: { revision?: unknown }[] }) {
  for (const answer of [body, ...(body.results ?? [])]) {
    if (answer === body && body.results) continue;
    assert.ok(Number.isInteger(answer.revision) && (answer.revision as number) >= 0, `a revision: ${JSON.stringify(answer)}`);
    delete answer.revision;
  }
}

/** `svc.request`, with the revisions of the authorization API's 200 answers checked and taken out. */
export function withoutRevisions(svc: TestService, afterEach?: () => void): void {
  const request = svc.request.bind(svc);
  svc.request = (async (...args: Parameters<TestService['request']>) => {
    afterEach?.();
    const res = await request(...args);
    if (args[1].startsWith('/authz/') && res.status === 200) stripRevisions(res.body);
    return res;
  }) as TestService['request'];
}

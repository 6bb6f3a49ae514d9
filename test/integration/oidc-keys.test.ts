// Signing keys: generated on first start, stored sealed (never plaintext), rotated with overlap —
// a new key is published before it signs, then signs; the previous one stays in the JWKS so tokens
// it signed still verify, and it leaves once the overlap is over.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import * as client from 'openid-client';
import { signUpAndLogin } from '../support/service.js';
import { Browser, startListeningService, type ListeningService } from '../support/oidc.js';
import { createKeyRing, KeySealError } from '../../src/core/oidc/key-ring.js';
import { makeOidcStore } from '../../src/store/oidc.repo.js';
import { KEY_ACTIVATION_MS, KEY_OVERLAP_MS } from '../../src/http/oidc/oidc-provider.js';

const SECRET = 'test-oidc-key-secret-0123456789abcdefghij';
const REDIRECT = 'http://127.0.0.1:9/cb';
let svc: ListeningService;

before(async () => {
  svc = await startListeningService({ OIDC_KEY_SECRET: SECRET });
});
after(async () => {
  await svc?.close();
});

type Jwks = { keys: (JsonWebKey & { kid: string })[] };
const jwks = async (): Promise<Jwks> => (await fetch(`${svc.base}/oidc/jwks`)).json() as Promise<Jwks>;
const headerOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string; alg: string };

/** RS256 signature check against a published key set (independent of any OIDC library). */
function verifiesWith(jwt: string, set: Jwks): boolean {
  const [h, p, s] = jwt.split('.');
  const key = set.keys.find((k) => k.kid === headerOf(jwt).kid);
  if (!key) return false;
  return verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key, format: 'jwk' }), Buffer.from(s!, 'base64url'));
}

async function idToken(user: { email: string; password: string }, browser: Browser, config: client.Configuration) {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid organization',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 's',
  });
  let hop = await browser.follow(url);
  if (hop.url.pathname === '/login') {
    await browser.signIn(user.email, user.password);
    hop = await browser.follow(hop.url.searchParams.get('next')!);
  }
  const tokens = await client.authorizationCodeGrant(config, hop.url, { pkceCodeVerifier: verifier, expectedState: 's' });
  return tokens.id_token!;
}

describe('OpenID Connect keys', () => {
  test('rotation: the new key is published, then signs; the old one stays published (old ID tokens verify), then leaves after the overlap', async () => {
    const before = await jwks();
    assert.equal(before.keys.length, 1, 'one signing key after the first start');
    const [first] = before.keys;
    assert.equal(first!.alg, 'RS256');
    assert.equal((first as { d?: string }).d, undefined, 'the JWKS holds public keys only');

    const rp = await svc.gatehouse.oidc.clients.create({
      name: 'Keys',
      kind: 'confidential',
      redirectUris: [REDIRECT],
      postLogoutRedirectUris: [],
    });
    const config = await client.discovery(new URL(svc.base), rp.id, undefined, client.ClientSecretBasic(rp.secret!), {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    });
    const user = await signUpAndLogin(svc);
    const browser = new Browser(svc.base);
    const oldToken = await idToken(user, browser, config);
    assert.equal(headerOf(oldToken).kid, first!.kid);

    const { signingKid } = await svc.gatehouse.oidc.keyRing.rotate();
    assert.equal(await svc.gatehouse.oidc.host.reloadKeys(), true, 'the instance picks up the new key set');
    assert.equal(await svc.gatehouse.oidc.host.reloadKeys(), false, 'and only once');
    // Published at once, signing only after the activation delay (instances and relying parties catch up).
    assert.deepEqual(
      (await jwks()).keys.map((k) => k.kid),
      [first!.kid, signingKid],
    );
    assert.equal(headerOf(await idToken(user, browser, config)).kid, first!.kid, 'the current key still signs');
    assert.deepEqual(
      (await svc.gatehouse.oidc.keyRing.list()).filter((k) => k.use === 'sig').map((k) => [k.kid, k.state]),
      [
        [first!.kid, 'current'],
        [signingKid, 'pending'],
      ],
    );

    svc.clock.advance(KEY_ACTIVATION_MS);
    assert.equal(await svc.gatehouse.oidc.host.reloadKeys(), true);
    const during = await jwks();
    assert.deepEqual(
      during.keys.map((k) => k.kid),
      [signingKid, first!.kid],
      'new key first, previous still published',
    );

    // (A relying party whose JWKS copy is older than the activation delay refetches it: here, a new configuration.)
    const later = await client.discovery(new URL(svc.base), rp.id, undefined, client.ClientSecretBasic(rp.secret!), {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    });
    const newToken = await idToken(user, browser, later);
    assert.equal(headerOf(newToken).kid, signingKid, 'the new key signs');
    assert.ok(verifiesWith(newToken, during), 'a token signed with the new key verifies against the published set');
    assert.ok(verifiesWith(oldToken, during), 'a token signed before the rotation still verifies');
    assert.ok(!verifiesWith(`${oldToken.slice(0, -4)}AAAA`, during), 'a tampered one does not');

    const listed = await svc.gatehouse.oidc.keyRing.list();
    const previous = listed.find((k) => k.kid === first!.kid)!;
    assert.equal(previous.state, 'previous');
    assert.equal(listed.find((k) => k.kid === signingKid)!.state, 'current');
    assert.ok(
      previous.retiresAt!.getTime() - listed.find((k) => k.kid === signingKid)!.activeFrom.getTime() >= KEY_OVERLAP_MS,
      'the previous key stays published for at least the overlap',
    );

    // After the overlap, the next rotation (an emergency one: active at once) drops the old key.
    svc.clock.advance(KEY_OVERLAP_MS + 60_000);
    const third = await svc.gatehouse.oidc.keyRing.rotate({ immediately: true });
    await svc.gatehouse.oidc.host.reloadKeys();
    assert.deepEqual(
      (await jwks()).keys.map((k) => k.kid),
      [third.signingKid, signingKid],
    );
    assert.ok(!verifiesWith(oldToken, await jwks()), 'a token signed with the dropped key no longer verifies');
    assert.equal((await svc.gatehouse.db.query('SELECT 1 FROM oidc_keys WHERE kid = $1', [first!.kid])).length, 0, 'and deletes it');
  });

  test('keys are stored sealed: no private key material in the database, and another OIDC_KEY_SECRET cannot open them', async () => {
    const store = makeOidcStore(svc.gatehouse.db);
    const loaded = await svc.gatehouse.oidc.keyRing.load();
    assert.ok(
      loaded.signing.length >= 1 && loaded.cookie.length >= 1,
      `at least one signing and one cookie key: ${loaded.signing.length} / ${loaded.cookie.length}`,
    );
    const rows = await svc.gatehouse.db.query<{ row: string; sealed: string }>('SELECT t::text AS row, sealed FROM oidc_keys t');
    const everything = rows.map((r) => r.row).join('\n');
    for (const jwk of loaded.signing) {
      for (const part of [jwk.d!, jwk.p!, jwk.q!]) assert.ok(!everything.includes(part), 'private key material is not stored in clear');
    }
    for (const secret of loaded.cookie) assert.ok(!everything.includes(secret), 'cookie keys are not stored in clear');
    for (const r of rows) assert.match(r.sealed, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);

    const wrong = createKeyRing({
      repo: store.keys,
      clock: svc.clock,
      secret: 'another-secret-of-enough-length-0123456789',
      overlapMs: KEY_OVERLAP_MS,
      activationDelayMs: KEY_ACTIVATION_MS,
    });
    await assert.rejects(
      wrong.load(),
      (e: unknown) => e instanceof KeySealError && /OIDC_KEY_SECRET/.test(e.message) && !e.message.includes(SECRET),
    );
  });
});

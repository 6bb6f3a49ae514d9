// Invitations as the invitee meets them (issue 14, "What a newcomer met in the UI"): the inviter's
// message and the expiry on the page behind a link passed on by hand, the welcome into the
// organization just joined on the page their role lands on, and a badge for pending invitations.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueEmail } from '../support/service.js';
import { startWebE2E, type WebE2E } from './support/web.js';
import { api, browserOf, noPageErrors, person, shot } from './support/people.js';

let e2e: WebE2E;
before(async () => {
  e2e = await startWebE2E();
});
after(async () => {
  await e2e?.close();
});

const orgButton = (page: import('playwright-core').Page) => page.getByRole('button', { name: /Switch organization|Organisation wechseln/ });

test("a link passed on by hand shows the inviter's message and until when it is valid; accepting lands a Viewer on Devices, welcomed", async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Ingrid', 'Inviter');
  const guest = await person(e2e, 'Gustav', 'Guest');
  const inv = await call(
    'POST',
    `/orgs/${admin.orgId}/invitations`,
    { email: guest.email, roleId: 'viewer', message: 'Hi Gustav,\nplease look at the press line data.' },
    admin.token,
  );
  assert.equal(inv.status, 201, JSON.stringify(inv.body));
  assert.equal(inv.body.delivery, 'link', 'another e-mail domain: a link for the inviter, nothing mailed');
  const link = new URL(inv.body.link);
  const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(inv.body.invitation.expiresAt),
  );

  // Signed out, at another computer: who invites to what, the message as written, the expiry.
  const visitor = await e2e.newPage();
  await visitor.goto(`${link.pathname}${link.search}`);
  await visitor.getByText("Ingrid Inviter invites you to join Ingrid's organization as Viewer.").waitFor();
  const message = visitor.locator('figure.invitation-message');
  assert.equal(await message.locator('figcaption').innerText(), 'Message from Ingrid Inviter');
  assert.equal(
    await message.locator('blockquote').innerText(),
    'Hi Gustav,\nplease look at the press line data.',
    'the message as written, line break kept',
  );
  await visitor.getByText(`The invitation is valid until ${expires}.`).waitFor();
  await shot(e2e, visitor, 'invitation-message-expiry');
  await visitor.getByRole('button', { name: 'DE', exact: true }).click();
  await visitor.getByText('Nachricht von Ingrid Inviter').waitFor();
  await visitor.getByText(/^Die Einladung gilt bis /).waitFor();

  // Signed in as the invitee: accept, and land where a Viewer lands, welcomed into the organization.
  const page = await browserOf(e2e, guest);
  await page.goto(`${link.pathname}${link.search}`);
  await page.getByRole('button', { name: 'Accept and join' }).click();
  await page.waitForURL(/\/devices$/);
  const welcome = page.locator('[data-notice="welcome"]');
  assert.match(
    await welcome.innerText(),
    /Welcome to “Ingrid's organization”! You joined as Viewer\. Here are the devices you can work with in it\./,
  );
  await orgButton(page).filter({ hasText: "Ingrid's organization" }).waitFor();
  await shot(e2e, page, 'welcome-after-accepting');
  noPageErrors(page);
});

test('pending invitations have a badge on the avatar and on "My invitations"; accepting one counts down and welcomes into that organization', async () => {
  const call = api(e2e);
  const guest = await person(e2e, 'Berta', 'Badge');
  const hosts = [await person(e2e, 'Anton', 'Host'), await person(e2e, 'Bruno', 'Host')];
  for (const host of hosts) {
    const inv = await call('POST', `/orgs/${host.orgId}/invitations`, { email: guest.email, roleId: 'editor' }, host.token);
    assert.equal(inv.status, 201, JSON.stringify(inv.body));
  }
  const page = await browserOf(e2e, guest);
  await page.goto('/users');
  const avatar = page.getByRole('button', { name: 'Account menu (2 pending invitations)' });
  await avatar.waitFor();
  assert.equal(await avatar.locator('.avatar-badge').innerText(), '2', 'the count on the avatar');
  await avatar.click();
  const item = page.getByRole('link', { name: 'My invitations (2 pending invitations)' });
  assert.equal(await item.locator('.badge').innerText(), '2', 'the count on the menu item');
  await shot(e2e, page, 'invitations-badge');
  await item.click();

  await page.getByRole('button', { name: "Accept the invitation to Anton's organization" }).click();
  // An Editor lands on Devices, welcomed.
  await page.waitForURL(/\/devices$/);
  assert.match(await page.locator('[data-notice="welcome"]').innerText(), /Welcome to “Anton's organization”! You joined as Editor\./);
  await page.getByRole('button', { name: 'Account menu (1 pending invitation)' }).waitFor();
  // In German, with the plural rule for one.
  await page.getByRole('button', { name: 'DE', exact: true }).click();
  await page.getByRole('button', { name: 'Kontomenü (1 offene Einladung)' }).waitFor();
  noPageErrors(page);
});

test('renewing an invitation that travels as a link never says it was sent: "New invitation link", in the dialog and the audit log (German)', async () => {
  const call = api(e2e);
  const admin = await person(e2e, 'Rena', 'Renew');
  const address = uniqueEmail('partner', 'supplier-elsewhere.example');
  assert.equal((await call('POST', `/orgs/${admin.orgId}/invitations`, { email: address, roleId: 'viewer' }, admin.token)).status, 201);
  const page = await browserOf(e2e, admin, { lang: 'de' });
  await page.goto('/users');
  await page
    .getByRole('row')
    .filter({ hasText: address })
    .getByRole('button', { name: `Aktionen für ${address}` })
    .click();
  await page.getByRole('menuitem', { name: 'Einladung erneut senden' }).click();
  const dialog = page.getByRole('dialog', { name: 'Neuer Einladungslink' });
  await dialog.getByText(/Geben Sie ihn selbst weiter/).waitFor();
  assert.match(await dialog.getByLabel('Einladungslink').inputValue(), /\/invitation\?token=/, 'the new link to pass on');
  assert.equal(await page.getByText(/verschickt/).count(), 0, 'nothing says "verschickt"');
  await dialog.getByRole('button', { name: 'Schließen' }).first().click();

  await page.getByRole('link', { name: 'Protokoll', exact: true }).click();
  const renewed = page.locator('tr[data-action="invitation.resent"]');
  assert.match(await renewed.innerText(), /Neuer Einladungslink erstellt/);
  assert.match(await page.locator('tr[data-action="invitation.created"]').innerText(), /Einladungslink erstellt/);
  assert.equal(
    await page
      .locator('table.audit-table')
      .getByText(/Einladung (erneut )?verschickt/)
      .count(),
    0,
    'the audit log does not say "Einladung verschickt" either',
  );
  await page
    .locator('table.audit-table')
    .getByText(/^Nicht verschickt:/)
    .first()
    .waitFor();
  noPageErrors(page);
});

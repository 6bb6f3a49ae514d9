// The few HTML pages the provider itself shows: its error page and the RP-initiated logout pages.
// No external resources (fonts, scripts); every value is escaped.

export function htmlEscape(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)} · Gatehouse</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1b1f24}button{font:inherit;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;cursor:pointer}code{word-break:break-all}</style>
</head><body><h1>${htmlEscape(title)}</h1>${body}</body></html>`;
}

export function errorPage(out: { error?: unknown; error_description?: unknown }): string {
  return page('Sign-in could not be completed', `<p>${htmlEscape(out.error_description ?? 'The request was refused.')}</p><p><code>${htmlEscape(out.error ?? 'invalid_request')}</code></p><p>Go back to the application and start again.</p>`);
}

export function logoutPage(form: string, clientName: string | undefined): string {
  const from = clientName ? ` (asked by ${htmlEscape(clientName)})` : '';
  return page('Sign out of Gatehouse?', `${form}<p>This ends your Gatehouse session${from}: you will be signed out of every Smart Service that uses it.</p>
<button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button><button type="submit" form="op.logoutForm">Stay signed in</button>`);
}

export function loggedOutPage(): string {
  return page('You are signed out', '<p>You can close this page.</p>');
}

// The few HTML pages the provider itself shows: its error page and the RP-initiated logout pages,
// in English and German, in the look of the web UI's public pages (its colours, brand and card,
// copied from web/src/styles.css: these pages are rendered by the provider, not by the UI). No
// external resources (fonts, scripts); every value is escaped.

export type PageLang = 'en' | 'de';

function htmlEscape(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page's language: the relying party's `ui_locales` (OpenID Connect's own parameter) when it
 * names English or German first, else the browser's Accept-Language (`accepts` is Koa's
 * negotiation, which the caller passes), else English.
 */
export function pageLang(uiLocales: unknown, accepts: (...langs: string[]) => string | false): PageLang {
  if (typeof uiLocales === 'string') {
    for (const tag of uiLocales.split(/\s+/)) {
      const primary = tag.toLowerCase().split('-')[0];
      if (primary === 'de' || primary === 'en') return primary;
    }
  }
  return accepts('en', 'de') === 'de' ? 'de' : 'en';
}

const STYLE = `:root{--bg:#f5f7f9;--surface:#fff;--text:#1b2733;--muted:#5b6b7a;--border:#d5dde5;--primary:#0b6e4f;--primary-text:#fff;--primary-hover:#095a41;--focus:#1a73e8;--radius:6px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.45;color:var(--text);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
main{max-width:460px;margin:6vh auto 3rem;padding:0 1rem}
.brand{display:inline-flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.25rem;margin-bottom:1rem}
.brand-mark{display:inline-grid;place-items:center;width:32px;height:32px;border-radius:8px;background:var(--primary);color:var(--primary-text);font-weight:800}
.card{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:1.5rem;box-shadow:0 1px 3px rgba(16,24,40,.06)}
h1{font-size:1.6rem;margin:0 0 1rem}p{margin:0 0 .75rem}.muted{color:var(--muted);font-size:.9em}code{word-break:break-all}
a{color:var(--primary)}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1.25rem}
.btn{display:inline-flex;align-items:center;text-decoration:none;font:inherit;font-weight:600;padding:.5rem .95rem;border-radius:var(--radius);border:1px solid var(--border);background:var(--surface);color:var(--text);cursor:pointer}
.btn-primary{background:var(--primary);border-color:var(--primary);color:var(--primary-text)}.btn-primary:hover{background:var(--primary-hover)}`;

function page(lang: PageLang, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(title)} · Gatehouse</title>
<style>${STYLE}</style>
</head><body><main><div class="brand" aria-hidden="true"><span class="brand-mark">G</span> Gatehouse</div>
<section class="card" aria-labelledby="title"><h1 id="title">${htmlEscape(title)}</h1>${body}</section></main></body></html>`;
}

const TEXT = {
  en: {
    errorTitle: 'Sign-in could not be completed',
    errorFallback: 'The request was refused.',
    errorAgain: 'Go back to the application and start again.',
    logoutTitle: 'Sign out of Gatehouse?',
    logoutAskedBy: (client: string) => `Signing out was asked by <strong>${client}</strong>.`,
    logoutText: 'This ends your Gatehouse session: you will be signed out of every Smart Service that uses it.',
    signOut: 'Sign out',
    stay: 'Stay signed in',
    outTitle: 'You are signed out',
    outText: 'Your Gatehouse session has ended. You can close this page.',
    signInAgain: 'Sign in again',
  },
  de: {
    errorTitle: 'Die Anmeldung konnte nicht abgeschlossen werden',
    errorFallback: 'Die Anfrage wurde abgelehnt.',
    errorAgain: 'Kehren Sie zur Anwendung zurück und beginnen Sie erneut.',
    logoutTitle: 'Von Gatehouse abmelden?',
    logoutAskedBy: (client: string) => `Die Abmeldung wurde von <strong>${client}</strong> angefordert.`,
    logoutText: 'Damit endet Ihre Gatehouse-Sitzung: Sie werden von allen Smart Services abgemeldet, die sie nutzen.',
    signOut: 'Abmelden',
    stay: 'Angemeldet bleiben',
    outTitle: 'Sie sind abgemeldet',
    outText: 'Ihre Gatehouse-Sitzung ist beendet. Sie können diese Seite schließen.',
    signInAgain: 'Wieder anmelden',
  },
} as const;

export function errorPage(out: { error?: unknown; error_description?: unknown }, lang: PageLang = 'en'): string {
  const t = TEXT[lang];
  // The description is the provider's (English, technical): shown as a detail, under the words.
  return page(
    lang,
    t.errorTitle,
    `<p>${htmlEscape(t.errorAgain)}</p>
<p class="muted">${htmlEscape(out.error_description ?? t.errorFallback)} <code>${htmlEscape(out.error ?? 'invalid_request')}</code></p>`,
  );
}

/** `form` is the provider's hidden form (op.logoutForm with its xsrf field); the buttons submit it. */
export function logoutPage(form: string, clientName: string | undefined, lang: PageLang = 'en'): string {
  const t = TEXT[lang];
  return page(
    lang,
    t.logoutTitle,
    `${form}${clientName ? `<p>${t.logoutAskedBy(htmlEscape(clientName))}</p>` : ''}<p>${htmlEscape(t.logoutText)}</p>
<div class="actions"><button class="btn btn-primary" autofocus type="submit" form="op.logoutForm" name="logout" value="yes">${htmlEscape(t.signOut)}</button><button class="btn" type="submit" form="op.logoutForm">${htmlEscape(t.stay)}</button></div>`,
  );
}

export function loggedOutPage(lang: PageLang = 'en', signInPath = '/login'): string {
  const t = TEXT[lang];
  return page(
    lang,
    t.outTitle,
    `<p>${htmlEscape(t.outText)}</p><div class="actions"><a class="btn" href="${htmlEscape(signInPath)}">${htmlEscape(t.signInAgain)}</a></div>`,
  );
}

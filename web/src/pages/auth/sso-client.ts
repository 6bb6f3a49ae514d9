// The Smart Service that sent the browser to sign in, by its registered name. The sign-in page
// gets `next=/oidc/interaction/<uid>`; the interaction answers `GET …/client` to the browser that
// holds its cookie (`{ "name": "Dashboards" }`). Outside /api/v1 on purpose: the interaction lives
// in the OpenID Connect provider, and only its cookie proves this browser is the one signing in.
// Never a name taken from the URL: anyone can write a URL.
import { useEffect, useState } from 'react';

const INTERACTION = /^\/oidc\/interaction\/[A-Za-z0-9_-]{1,64}$/;

export function useSsoClientName(next: string | null): string | undefined {
  const [name, setName] = useState<string>();
  useEffect(() => {
    if (!next || !INTERACTION.test(next)) return undefined;
    const controller = new AbortController();
    fetch(`${next}/client`, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal: controller.signal })
      .then(async (res) => {
        const body = (res.ok ? await res.json() : undefined) as { name?: unknown } | undefined;
        if (typeof body?.name === 'string') setName(body.name);
      })
      // Expired or unknown interaction, network trouble: the page says "the application" instead.
      .catch(() => {});
    return () => controller.abort();
  }, [next]);
  return name;
}

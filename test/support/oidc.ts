// OpenID Connect test support: a Gatehouse listening on a real port (PUBLIC_URL = that origin), and
// a browser-less "browser" (a cookie jar that follows redirects) for the sign-in step.
import { startTestService, type TestService } from './service.js';
import { freePort } from './process.js';

export interface ListeningService extends TestService {
  base: string;
}

/** A test service on 127.0.0.1 with PUBLIC_URL = its real origin, so relying parties can reach it. */
export async function startListeningService(env: Record<string, string> = {}): Promise<ListeningService> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const svc = await startTestService({ PUBLIC_URL: base, ...env });
    try {
      await svc.gatehouse.app.listen({ port, host: '127.0.0.1' });
      return Object.assign(svc, { base });
    } catch (e) {
      await svc.close();
      if (attempt >= 3) throw e;
    }
  }
}

interface StoredCookie {
  value: string;
  path: string;
}

/** What a browser does for the flow: keeps cookies (by path), follows redirects, submits forms. */
export class Browser {
  readonly cookies = new Map<string, StoredCookie>();
  constructor(readonly base: string) {}

  private cookieHeader(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const a of attributes) {
        const [k = '', v = ''] = a.split('=');
        if (k.toLowerCase() === 'path') path = v;
        if (k.toLowerCase() === 'expires' && new Date(v).getTime() <= Date.now()) expired = true;
        if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      }
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  async request(url: string | URL, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url, this.base);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    const res = await fetch(target, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  /** Follows redirects from `url` until one leaves this server (the relying party's redirect URI) or a page answers. */
  async follow(
    url: string | URL,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<{ url: URL; response: Response; trail: string[] }> {
    let current = new URL(url, this.base);
    let response = await this.request(current, init);
    const trail = [current.href];
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 15) throw new Error(`redirect loop: ${trail.join(' -> ')}`);
      current = new URL(response.headers.get('location')!, current);
      trail.push(current.href);
      if (current.origin !== new URL(this.base).origin) break;
      await response.body?.cancel();
      response = await this.request(current);
    }
    return { url: current, response, trail };
  }

  /** Gatehouse's own sign-in, as the web UI does it: POST /api/v1/auth/login with a JSON body. */
  async signIn(email: string, password: string) {
    const res = await this.request('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
      headers: { 'content-type': 'application/json', origin: new URL(this.base).origin },
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
  }
}

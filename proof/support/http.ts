// An HTTP client over fetch (undici), with the answer's bytes, headers and time kept for comparison.
// (Node's fetch opens as many connections per origin as requests are in flight: races and loads do
// not queue in the client.)
import http from 'node:http';

export interface Answer<T = any> {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: T;
  ms: number;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** A path as the server routes it: API paths are given without their `/api/v1` prefix. */
function apiPath(path: string): string {
  return path.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(path.split('?')[0]!) ? path : `/api/v1${path}`;
}

export function client(base: string, origin = base) {
  return async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && !('origin' in headers)) headers.origin = origin;
    const url = apiPath(path);
    const t0 = performance.now();
    const res = await fetch(`${base}${url}`, { method, headers, body: payload, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    const text = await res.text();
    const ms = performance.now() - t0;
    const h: Record<string, string> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    let body: unknown = text;
    if ((h['content-type'] ?? '').includes('json') && text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, headers: h, text, body: body as T, ms };
  };
}
export type Client = ReturnType<typeof client>;

/** Headers that legitimately differ between two identical answers. */
const VOLATILE_HEADERS = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
export function stableHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(h)
      .filter(([k]) => !VOLATILE_HEADERS.has(k))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
/** The answer with its request id blanked: what must be byte-identical between two callers. */
export function comparable(a: Answer): string {
  const text = a.text.replace(/"requestId":"[^"]*"/g, '"requestId":"-"');
  const headers = stableHeaders(a.headers);
  // The length follows the request id's (a counter); what must match is the length of the rest.
  if (headers['content-length'] !== undefined) {
    const id = /"requestId":"([^"]*)"/.exec(a.text)?.[1] ?? '';
    headers['content-length'] = String(Number(headers['content-length']) - Buffer.byteLength(id));
  }
  return JSON.stringify({ status: a.status, headers, text });
}

/**
 * A load's client: requests over node:http with kept-alive connections (at most `connections` at once;
 * Infinity: a new one whenever all are busy, so an open loop never queues in the client). fetch
 * costs several times its CPU per request, and the load generator has one core: a closed loop on
 * fetch made that core the bottleneck (the loop measured the client, the service's core half idle),
 * and a storm thread on fetch waited for that core while its answers were due.
 */
export function keepAliveClient(base: string, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(base);
  return {
    /** Resolves with the answer's status once its body has been read. */
    request(method: string, path: string, body?: unknown, token?: string): Promise<number> {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const headers: http.OutgoingHttpHeaders = { origin: base, 'content-length': Buffer.byteLength(payload) };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      return new Promise((resolve, reject) => {
        const req = http.request({ agent, hostname, port, method, path: apiPath(path), headers }, (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        });
        req.once('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

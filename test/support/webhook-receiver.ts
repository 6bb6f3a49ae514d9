// A real HTTP receiver of webhooks on loopback: records every request (body and headers), answers
// 204 after `delayMs`, and can be stopped and started again on the same port (a receiver that is down).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  headers: Record<string, string>;
  at: number;
}

export async function startReceiver(options: { delayMs?: number; port?: number } = {}) {
  const received: Received[] = [];
  let delayMs = options.delayMs ?? 0;
  let status = 204;
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers as Record<string, string>, at: Date.now() });
        res.statusCode = status;
        res.end();
      }, delayMs);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: `http://127.0.0.1:${port}/hook`,
    port,
    /** The events received, parsed. */
    events: () =>
      received.map((r) => JSON.parse(r.body) as { id: string; type: string; organizationId: string; data: Record<string, unknown> }),
    setDelay: (ms: number) => (delayMs = ms),
    setStatus: (s: number) => (status = s),
    /** Down: the port refuses connections. */
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    start: () => listen(port),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

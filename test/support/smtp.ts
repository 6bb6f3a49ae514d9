// A real SMTP server in the test process: the service delivers over the wire exactly as in
// production, and tests read the mails (and the tokens in their links) from what arrived.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpCatcher {
  url: string;
  mails: CaughtMail[];
  /** Waits until a mail to `to` (and matching `filter`) has arrived; fails after `timeoutMs` (30 s by default). */
  waitFor(to: string, filter?: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** All mails to `to` so far. */
  to(address: string): CaughtMail[];
  /**
   * Makes the server refuse mail to `address` on purpose (at RCPT TO, with `code`: 4xx is a
   * temporary failure, 5xx a permanent one), `times` times or until `refuseNoMore(address)`.
   */
  refuse(address: string, options?: { times?: number; code?: number }): void;
  refuseNoMore(address: string): void;
  /** How many deliveries to `address` were refused so far. */
  refused(address: string): number;
  close(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const refusals = new Map<string, { left: number; code: number }>();
  const refusedCount = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const refusal = refusals.get(to);
      if (refusal && refusal.left > 0) {
        refusal.left--;
        refusedCount.set(to, (refusedCount.get(to) ?? 0) + 1);
        return callback(Object.assign(new Error(`refused on purpose by the test (${refusal.code})`), { responseCode: refusal.code }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          raw,
        });
        for (const w of waiters) w();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const find = (to: string, filter?: (m: CaughtMail) => boolean) =>
    mails.find((m) => m.to.includes(to.toLowerCase()) && (!filter || filter(m)));

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.to.includes(address.toLowerCase())),
    refuse(address, options = {}) {
      refusals.set(address.toLowerCase(), { left: options.times ?? Infinity, code: options.code ?? 451 });
    },
    refuseNoMore(address) {
      refusals.delete(address.toLowerCase());
    },
    refused: (address) => refusedCount.get(address.toLowerCase()) ?? 0,
    // Generous: mail normally arrives in milliseconds; the bound only ends a wait for mail that never comes.
    waitFor(to, filter, timeoutMs = 30_000) {
      const hit = find(to, filter);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = find(to, filter);
          if (m) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no mail to ${to} within ${timeoutMs} ms (got ${mails.length} mails: ${mails.map((m) => `${m.to} "${m.subject}"`).join('; ')})`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link to `page` in a mail's plain-text body. */
export function tokenFrom(mail: CaughtMail, page: string): string {
  const m = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${page} link in mail "${mail.subject}": ${mail.text}`);
  return m[1]!;
}

// Delivers the outbox. Woken right after a transaction that enqueued mail commits, and on a timer
// for retries and for messages enqueued by other instances. Retries back off exponentially.
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock-random.js';
import type { OutboxQueue, QueuedMail } from '../store/outbox.repo.js';

export interface MailTransport {
  readonly name: 'smtp' | 'log';
  send(mail: QueuedMail): Promise<void>;
  close(): void;
}

export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.text, html: mail.html });
    },
    close: () => transporter.close(),
  };
}

/**
 * Without an SMTP server, mail stays in the outbox and its links go to the log, so someone trying
 * Gatehouse on a laptop can still verify an account. Production refuses to start in this mode.
 */
export function logTransport(logger: Logger): MailTransport {
  return {
    name: 'log',
    async send(mail) {
      logger.info(
        { mail: { id: mail.id, kind: mail.kind, to: mail.recipient, subject: mail.subject, links: mail.links } },
        'mail kept in the outbox (no SMTP_URL): open its link to continue',
      );
    },
    close: () => {},
  };
}

const MAX_ATTEMPTS = 8;
const backoffMs = (attempt: number) => Math.min(60 * 60_000, 5_000 * 2 ** (attempt - 1));

export function createOutboxWorker(options: {
  queue: OutboxQueue;
  transport: MailTransport;
  clock: Clock;
  logger: Logger;
  pollMs?: number;
}) {
  const { queue, transport, clock, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  async function drain() {
    for (;;) {
      const batch = await queue.claimDue(clock.now(), 20);
      if (batch.length === 0) return;
      await Promise.all(batch.map(deliver));
    }
  }

  async function deliver(mail: QueuedMail) {
    try {
      await transport.send(mail);
      if (transport.name === 'smtp') await queue.markSent(mail.id, clock.now());
      else await queue.markLogged(mail.id, clock.now());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const next = mail.attempts >= MAX_ATTEMPTS ? null : new Date(clock.now().getTime() + backoffMs(mail.attempts));
      logger.warn({ mailId: mail.id, attempt: mail.attempts, error: message, giveUp: next === null }, 'mail delivery failed');
      // Not thrown (the pass goes on with the other messages), but never silent: the claim's lease
      // brings the message back in a minute, so a failure here would otherwise retry it unseen.
      await queue
        .markFailed(mail.id, message, next, clock.now())
        .catch((err) =>
          logger.error(
            { mailId: mail.id, error: err instanceof Error ? err.message : String(err) },
            'could not record the failed delivery',
          ),
        );
    }
  }

  /** Runs a pass now (or right after the current one): called after a commit that enqueued mail. */
  function wake() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((e) => logger.warn({ error: e instanceof Error ? e.message : String(e) }, 'outbox pass failed'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  return {
    wake,
    start() {
      stopped = false;
      timer = setInterval(wake, options.pollMs ?? 5_000);
      timer.unref();
      wake();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      transport.close();
    },
    /** Resolves when the current pass (if any) is over: lets tests and the CLI wait for delivery. */
    idle: async () => {
      while (running) await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

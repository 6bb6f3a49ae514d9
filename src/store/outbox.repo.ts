// SQL for the outbox, the mail waiting to be sent. The use cases' side (`outboxRepo`) enqueues in
// the transaction of the change that sends it; the worker's side (`createOutboxQueue`) claims due
// messages with a lease (SKIP LOCKED, so several instances share the work without sending a
// message twice), then records the outcome.
import { newId } from '../core/clock-random.js';
import type { OutboxRepo } from '../core/mail/ports.js';
import type { Db, Queryable } from './db.js';
import { sql } from './sql.js';

export function outboxRepo(q: Queryable): OutboxRepo {
  return {
    async enqueue(mail, now) {
      const id = newId('msg');
      await q.query(sql`
        INSERT INTO outbox (id, kind, recipient, subject, text_body, html_body, links, created_at, next_attempt_at)
        VALUES (${id}, ${mail.kind}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html}, ${mail.links}, ${now}, ${now})`);
      return id;
    },
  };
}

export interface QueuedMail {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  attempts: number;
}

export interface OutboxEntry {
  id: string;
  kind: string;
  recipient: string;
  subject: string;
  createdAt: Date;
  status: 'pending' | 'sent' | 'logged' | 'failed';
  attempts: number;
  lastError: string | null;
  links: string[];
  text: string | null;
}

/** A claimed message is not offered again for this long, in case the worker dies mid-delivery. */
const LEASE_MS = 60_000;

export function createOutboxQueue(db: Db) {
  return {
    async claimDue(now: Date, limit: number): Promise<QueuedMail[]> {
      return db.transaction(async (tx) => {
        const rows = await tx.query<Record<string, unknown>>(sql`
          SELECT id, kind, recipient, subject, text_body, html_body, links, attempts FROM outbox
           WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ${now}
           ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`);
        if (rows.length === 0) return [];
        await tx.query(sql`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS)}
                            WHERE id = ANY(${rows.map((r) => r.id)})`);
        return rows.map((r) => ({
          id: r.id as string,
          kind: r.kind as string,
          recipient: r.recipient as string,
          subject: r.subject as string,
          text: (r.text_body as string | null) ?? '',
          html: (r.html_body as string | null) ?? '',
          links: (r.links as string[] | null) ?? [],
          attempts: (r.attempts as number) + 1,
        }));
      });
    },

    /** Delivered over SMTP: the bodies (which hold live single-use links) are erased. */
    async markSent(id: string, now: Date) {
      await db.query(sql`
        UPDATE outbox SET sent_at = ${now}, delivered_via = 'smtp', text_body = NULL, html_body = NULL, links = '{}', last_error = NULL WHERE id = ${id}`);
    },

    async markLogged(id: string, now: Date) {
      await db.query(sql`UPDATE outbox SET sent_at = ${now}, delivered_via = 'log' WHERE id = ${id}`);
    },

    /** Retried at `nextAttemptAt`, or given up (`null`): the bodies, which hold live links, are erased. */
    async markFailed(id: string, error: string, nextAttemptAt: Date | null, now: Date) {
      const lastError = error.slice(0, 500);
      await db.query(
        nextAttemptAt
          ? sql`UPDATE outbox SET last_error = ${lastError}, next_attempt_at = ${nextAttemptAt} WHERE id = ${id}`
          : sql`UPDATE outbox SET last_error = ${lastError}, failed_at = ${now}, text_body = NULL, html_body = NULL, links = '{}' WHERE id = ${id}`,
      );
    },

    async list(options: { limit: number; recipient?: string | undefined }): Promise<OutboxEntry[]> {
      const recipient = options.recipient === undefined ? sql`TRUE` : sql`recipient = ${options.recipient}`;
      const rows = await db.query<Record<string, unknown>>(sql`
        SELECT id, kind, recipient, subject, created_at, sent_at, delivered_via, failed_at, attempts, last_error, links, text_body
          FROM outbox WHERE ${recipient} ORDER BY created_at DESC, id DESC LIMIT ${options.limit}`);
      return rows.map((r) => ({
        id: r.id as string,
        kind: r.kind as string,
        recipient: r.recipient as string,
        subject: r.subject as string,
        createdAt: r.created_at as Date,
        status: r.failed_at ? 'failed' : r.delivered_via === 'smtp' ? 'sent' : r.delivered_via === 'log' ? 'logged' : 'pending',
        attempts: r.attempts as number,
        lastError: (r.last_error as string | null) ?? null,
        links: (r.links as string[] | null) ?? [],
        text: (r.text_body as string | null) ?? null,
      }));
    },
  };
}

export type OutboxQueue = ReturnType<typeof createOutboxQueue>;

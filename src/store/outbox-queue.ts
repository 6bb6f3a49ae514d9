// The worker's side of the outbox: claim due messages with a lease (SKIP LOCKED, so several
// instances share the work without sending a message twice), then record the outcome.
import type { Db } from './db.js';

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
        const rows = await tx.query<Record<string, unknown>>(
          `SELECT id, kind, recipient, subject, text_body, html_body, links, attempts FROM outbox
            WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
            ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, limit],
        );
        if (rows.length === 0) return [];
        await tx.query(`UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2 WHERE id = ANY($1)`, [
          rows.map((r) => r.id),
          new Date(now.getTime() + LEASE_MS),
        ]);
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
      await db.query(
        `UPDATE outbox SET sent_at = $2, delivered_via = 'smtp', text_body = NULL, html_body = NULL, links = '{}', last_error = NULL WHERE id = $1`,
        [id, now],
      );
    },

    async markLogged(id: string, now: Date) {
      await db.query(`UPDATE outbox SET sent_at = $2, delivered_via = 'log' WHERE id = $1`, [id, now]);
    },

    /** Retried at `nextAttemptAt`, or given up (`null`): the bodies, which hold live links, are erased. */
    async markFailed(id: string, error: string, nextAttemptAt: Date | null, now: Date) {
      // Every parameter must appear in the statement: PostgreSQL refuses one whose type it cannot
      // infer (an unused `$3`), which once made every give-up fail and the message retry forever.
      if (nextAttemptAt) {
        await db.query(`UPDATE outbox SET last_error = $2, next_attempt_at = $3 WHERE id = $1`, [id, error.slice(0, 500), nextAttemptAt]);
      } else {
        await db.query(`UPDATE outbox SET last_error = $2, failed_at = $3, text_body = NULL, html_body = NULL, links = '{}' WHERE id = $1`, [id, error.slice(0, 500), now]);
      }
    },

    async list(options: { limit: number; recipient?: string | undefined }): Promise<OutboxEntry[]> {
      const rows = await db.query<Record<string, unknown>>(
        `SELECT id, kind, recipient, subject, created_at, sent_at, delivered_via, failed_at, attempts, last_error, links, text_body
           FROM outbox WHERE ($2::text IS NULL OR recipient = $2) ORDER BY created_at DESC, id DESC LIMIT $1`,
        [options.limit, options.recipient ?? null],
      );
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

import type { Tx } from '../store.js';
import type { OutgoingMail } from './ports.js';

/**
 * Puts a mail in the outbox in the transaction of the change that sends it (so a rolled-back change
 * sends nothing); the mail worker is woken once the transaction committed.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail, now: Date): Promise<void> {
  await tx.outbox.enqueue(mail, now);
  tx.changed.mail();
}

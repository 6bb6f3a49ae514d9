// Opaque cursors for keyset pagination: the position after the last row of a page, as base64url
// JSON. Opaque to clients (they may change shape between releases); validated like any input.
import { fail } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The 400 for a cursor this service did not hand out. */
export function invalidCursor(field = '/query/cursor'): never {
  return fail('request.invalid', { errors: [{ field, rule: 'cursor', message: 'is not a cursor this list returned' }] });
}

/** Decodes a cursor made by `encodeCursor` with exactly these string fields; anything else is a 400. */
export function decodeCursor<K extends string>(cursor: string | undefined, fields: readonly K[]): Record<K, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid();
  const entries = Object.entries(value);
  if (entries.length !== fields.length) return invalid();
  for (const f of fields) {
    const v = (value as Record<string, unknown>)[f];
    if (typeof v !== 'string' || v.length > 400 || v.includes('\u0000')) return invalid();
  }
  return value as Record<K, string>;
}

/** Fetches one row more than asked to learn whether a next page exists. */
export function pageOf<R, T>(rows: R[], limit: number, view: (row: R) => T, position: (row: R) => Record<string, string>): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null };
}

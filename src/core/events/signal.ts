// "Events were appended": fired on this instance after the COMMIT of a transaction that wrote
// events, and when another instance's NOTIFY arrives (store/change-feed.ts). Event streams wait on
// it instead of polling the table in a tight loop; it carries no data (they read the table).
export function createEventSignal() {
  const listeners = new Set<() => void>();
  return {
    fire() {
      for (const fn of listeners) fn();
    },
    /** Calls `fn` on every signal until the returned function is called. */
    subscribe(fn: () => void): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export type EventSignal = ReturnType<typeof createEventSignal>;

// Generous polling instead of sleeps and wall-clock bounds: waits until `probe` answers something
// truthy, checking again after `intervalMs`, and fails with `what` only after `timeoutMs` — a bound
// far above anything a slow, shared CI machine needs, so it can only fire when the thing never happens.
export async function eventually<T>(
  what: string,
  probe: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 30_000, intervalMs = 10 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`still not the case after ${timeoutMs / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

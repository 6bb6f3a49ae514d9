const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `30s`, `15m`, `8h`, `14d` or `0`; `undefined` when it is none of those. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]) * units[m[2]!]!;
  return Number.isSafeInteger(value) ? value : undefined;
}

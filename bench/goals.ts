// Every goal of the bench, in one table: the figure it reads (a key of the last line's `ratios`),
// the threshold, and where it was set. `npm run bench` prints them with met/missed and exits 0 only
// when every one is met (a figure that could not be measured — a peer that cannot run here — counts
// as missed, with its reason).

export interface Goal {
  key: string;
  op: '>=' | '<=' | '<' | '=';
  threshold: number;
  unit?: string;
  /** Where the goal comes from. */
  issue: number;
  /** Evaluated only at the default size (BENCH_SCALE=1, BENCH_MEMBERS=100000). */
  defaultSizeOnly?: boolean;
}

export const GOALS: readonly Goal[] = [
  { key: 'checkVsCasbin', op: '>=', threshold: 100, issue: 5 },
  { key: 'deviceCheckVsCasbin', op: '>=', threshold: 40, issue: 5 },
  { key: 'checkVsMapFloor', op: '>=', threshold: 0.8, issue: 15 },
  { key: 'checkVsMapFloor3000', op: '>=', threshold: 0.8, issue: 15 },
  { key: 'resourceVsDeviceCheck', op: '>=', threshold: 0.5, issue: 15 },
  { key: 'checkP99Us', op: '<=', threshold: 10, unit: 'µs', issue: 5 },
  { key: 'httpCheckVsPostFloor', op: '>=', threshold: 0.8, issue: 18 },
  { key: 'batchVsSingle', op: '>=', threshold: 10, issue: 5 },
  { key: 'batchHttpVsInProcessFloor', op: '>=', threshold: 0.25, issue: 18 },
  { key: 'scale10xThroughput', op: '>=', threshold: 0.7, issue: 18 },
  { key: 'bytesPerDeviceGrant10x', op: '<=', threshold: 32, unit: 'B', issue: 18 },
  { key: 'httpCheckVsCerbos', op: '>=', threshold: 3, issue: 18 },
  { key: 'httpCheckVsSpiceDB', op: '>=', threshold: 3, issue: 18 },
  { key: 'sdkCachedCheckVsFloor', op: '>=', threshold: 0.5, issue: 16 },
  { key: 'webhookLatencyP99Ms', op: '<', threshold: 100, unit: 'ms', issue: 16 },
  { key: 'grantVisibleMs', op: '<', threshold: 1, unit: 'ms', issue: 5 },
  { key: 'memberSearchRareMs', op: '<=', threshold: 10, unit: 'ms', issue: 18, defaultSizeOnly: true },
  { key: 'answerMismatches', op: '=', threshold: 0, issue: 5 },
  { key: 'runtimeSeconds', op: '<=', threshold: 300, unit: 's', issue: 18, defaultSizeOnly: true },
];

export interface GoalResult {
  key: string;
  measured: number | null;
  target: string;
  met: boolean;
  /** Why there is no figure, or why the goal does not apply to this run. */
  note?: string;
}

const target = (g: Goal) => `${g.op === '>=' ? '≥' : g.op === '<=' ? '≤' : g.op} ${g.threshold}${g.unit ? ` ${g.unit}` : ''}`;

/**
 * Each goal against the figures. `notes[key]` explains a figure that is missing; at other than the
 * default size the default-size goals are listed as not applying (and do not fail the run).
 */
export function evaluate(
  figures: Record<string, number | null | undefined>,
  notes: Record<string, string>,
  defaultSize: boolean,
): GoalResult[] {
  return GOALS.map((g) => {
    const v = figures[g.key];
    if (g.defaultSizeOnly && !defaultSize)
      return { key: g.key, measured: v ?? null, target: target(g), met: true, note: 'applies at the default size only' };
    if (v === undefined || v === null || Number.isNaN(v))
      return { key: g.key, measured: null, target: target(g), met: false, note: notes[g.key] ?? 'not measured' };
    const met = g.op === '>=' ? v >= g.threshold : g.op === '<=' ? v <= g.threshold : g.op === '<' ? v < g.threshold : v === g.threshold;
    return { key: g.key, measured: v, target: target(g), met, ...(notes[g.key] ? { note: notes[g.key] } : {}) };
  });
}

/** The goals as a Markdown table, as printed and as written to docs/figures/bench-latest.md. */
export function goalsTable(results: GoalResult[]): string {
  return [
    '| goal | measured | target | |',
    '|---|---:|---|---|',
    ...results.map((r) => {
      const state = r.note === 'applies at the default size only' ? 'n/a' : r.met ? 'met' : '**MISSED**';
      return `| ${r.key} | ${r.measured ?? '—'} | ${r.target} | ${state}${r.note ? ` (${r.note})` : ''} |`;
    }),
  ].join('\n');
}

export function printGoals(results: GoalResult[]) {
  console.log('\nGoals (bench/goals.ts)');
  console.log(goalsTable(results));
}

// The request-duration histogram of /metrics. prom-client's Histogram costs on every request (the
// label object validated and hashed, the bucket found among string keys): a few per cent of the
// authorization API's CPU. This one records a request into a typed array per route (metrics.ts keeps
// the route's series at hand), and builds the exposition only when /metrics is read. The text is prom-client's own
// (the registry formats it): `_bucket` lines with a cumulative count per `le`, then `+Inf`, `_sum`
// and `_count`, the route's labels after `le`.
import type { Registry } from 'prom-client';

export interface RouteLabels {
  method: string;
  route: string;
}

/** One route's observations: a caller keeps it and records into it without any lookup. */
export class HistogramSeries {
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(
    readonly labels: RouteLabels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }
  observe(seconds: number) {
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += seconds;
    this.count++;
  }
}

interface ExportedValue {
  metricName: string;
  labels: Record<string, string | number>;
  sharedLabels?: RouteLabels;
  value: number;
}

export class RouteHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    // The registry takes any object with a name, get() and reset() (as prom-client's own metrics).
    registry.registerMetric(this as never);
  }

  /** The series of `method` `route`, made on first use (each has its own line in the exposition). */
  series(method: string, route: string): HistogramSeries {
    const key = `${method} ${route}`;
    let s = this.#series.get(key);
    if (!s) {
      s = new HistogramSeries({ method, route }, this.bounds);
      this.#series.set(key, s);
    }
    return s;
  }

  /** What the registry formats the text from (the route's labels apart, written after `le`). */
  async getForPromString() {
    const values: ExportedValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const s of this.#series.values()) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += s.counts[i]!;
        values.push({ metricName: bucket, labels: { le }, sharedLabels: s.labels, value: cumulative });
      });
      values.push({ metricName: bucket, labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.count });
      values.push({ metricName: `${this.name}_sum`, labels: {}, sharedLabels: s.labels, value: s.sum });
      values.push({ metricName: `${this.name}_count`, labels: {}, sharedLabels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  /** The JSON form (getMetricsAsJSON): each value's labels in one object, as prom-client gives them. */
  async get() {
    const data = await this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...value }) => ({ ...value, labels: { ...labels, ...sharedLabels } })),
    };
  }

  reset() {
    this.#series.clear();
  }
}

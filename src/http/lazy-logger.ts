// Fastify gives every request a child logger bound to its request id. Making a pino child costs
// (the bindings are serialised and redacted on creation) — on the authorization API, a few per cent
// of the CPU for a logger that logs nothing: its routes log at `warn` and answer without an error.
// This factory gives such a request a stand-in that makes the real child on the first line that
// would be written, with the same bindings and options: what is logged is unchanged.
import type { FastifyBaseLogger } from 'fastify';

type Bindings = Record<string, unknown>;
type Options = { level?: string };
type LogFn = (...args: unknown[]) => void;

class LazyChildLogger {
  #child: FastifyBaseLogger | undefined;
  /** The numeric level below which nothing is written (0: unknown, always ask the real child). */
  readonly #threshold: number;
  readonly #values: Record<string, number>;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: Options,
  ) {
    this.#values = (parent as unknown as { levels?: { values: Record<string, number> } }).levels?.values ?? {};
    const level = options.level ?? parent.level;
    this.#threshold = level === 'silent' ? Number.POSITIVE_INFINITY : (this.#values[level] ?? 0);
  }

  private real(): FastifyBaseLogger {
    this.#child ??= this.parent.child(this.bindings, this.options);
    return this.#child;
  }
  private write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]) {
    if ((this.#values[level] ?? Number.POSITIVE_INFINITY) < this.#threshold) return;
    (this.real()[level] as LogFn)(...args);
  }
  get level(): string {
    return this.real().level;
  }
  set level(level: string) {
    this.real().level = level;
  }
  fatal(...args: unknown[]) {
    this.write('fatal', args);
  }
  error(...args: unknown[]) {
    this.write('error', args);
  }
  warn(...args: unknown[]) {
    this.write('warn', args);
  }
  info(...args: unknown[]) {
    this.write('info', args);
  }
  debug(...args: unknown[]) {
    this.write('debug', args);
  }
  trace(...args: unknown[]) {
    this.write('trace', args);
  }
  silent() {}
  child(bindings: Bindings, options?: Options) {
    return this.real().child(bindings, options);
  }
}

/** A `childLoggerFactory` for Fastify (setChildLoggerFactory): children made when first written to. */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: Options): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}

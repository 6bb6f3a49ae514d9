import { AppError } from './errors.js';

/**
 * Bounds how many expensive operations (argon2: ~20 MiB and tens of ms of CPU each) run at once,
 * and how many may wait. Past the queue limit we answer 503 at once: a login storm is shed in
 * microseconds instead of queuing for seconds and starving every other request.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly max: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.queueLimit) {
        throw new AppError('service.busy', { detail: 'password hashing queue full', retryAfterSeconds: 1 });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter; `running` stays the same.
      if (next) next();
      else this.running--;
    }
  }

  /** A `run` now would be refused. */
  get full() {
    return this.running >= this.max && this.waiting.length >= this.queueLimit;
  }

  get stats() {
    return { running: this.running, waiting: this.waiting.length };
  }
}

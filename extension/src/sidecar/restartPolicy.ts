// When the sidecar dies unexpectedly: restart after 0.5 s, 1 s, 2 s, 4 s … (capped), at most `maxRestarts` times
// within `windowMs`; after that, stop and ask the person. A run that stayed up longer than `windowMs` resets the
// count, so a sidecar that crashes once a day is always restarted. Pure: the clock comes in as a parameter.

export interface RestartPolicyOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  maxRestarts: number;
  windowMs: number;
}

export const defaultRestartPolicy: RestartPolicyOptions = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRestarts: 5,
  windowMs: 3 * 60_000,
};

export type RestartDecision = { action: 'restart'; delayMs: number; attempt: number } | { action: 'prompt' };

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(private readonly options: RestartPolicyOptions = defaultRestartPolicy) {}

  /** Called when the process died unexpectedly at `now` (ms). */
  onCrash(now: number): RestartDecision {
    this.crashes = this.crashes.filter((t) => now - t < this.options.windowMs);
    this.crashes.push(now);
    const attempt = this.crashes.length;
    if (attempt > this.options.maxRestarts) {
      return { action: 'prompt' };
    }
    const delayMs = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** (attempt - 1));
    return { action: 'restart', delayMs, attempt };
  }

  /** After a restart the person asked for: start counting again. */
  reset(): void {
    this.crashes = [];
  }
}

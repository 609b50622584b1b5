// When the selection changes (a command, or foundryIde.* edited by hand in settings.json), everything configured
// follows once. Settings writes arrive as several change events (resource, subscription, deployments); they are
// coalesced, and a selection that was already applied is not applied again. Pure: no `vscode` import.
import type { Selection } from './statusModel';

/** What decides the variables: two selections with the same signature configure Claude Code the same way. */
export function selectionSignature(selection: Selection | undefined): string | undefined {
  if (!selection) {
    return undefined;
  }
  const deployments = Object.entries(selection.deployments).filter(([, name]) => name).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([selection.resource.toLowerCase(), selection.subscriptionId, selection.auth, deployments]);
}

export interface ReapplyOptions {
  /** The current selection's signature (read when the timer fires, so the last write wins). */
  current: () => string | undefined;
  apply: () => Promise<void>;
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Reapplier {
  private handle: unknown;
  private applied: string | undefined;
  private running: Promise<void> | undefined;
  private holds = 0;
  private pending = false;

  constructor(private readonly options: ReapplyOptions) {}

  /** Records that `signature` is what Claude Code is configured with now (a command applied it). */
  markApplied(signature: string | undefined): void {
    this.applied = signature;
  }

  get lastApplied(): string | undefined {
    return this.applied;
  }

  /**
   * A setting changed: apply after a short quiet period, unless the selection is what was applied last. A selection
   * that went away (the resource setting cleared) is applied too: `apply` then removes what was configured.
   */
  schedule(): void {
    if (this.holds > 0) {
      this.pending = true;
      return;
    }
    const clear = this.options.clearTimer ?? ((h) => { clearTimeout(h as NodeJS.Timeout); });
    const set = this.options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    if (this.handle !== undefined) {
      clear(this.handle);
    }
    this.handle = set(() => {
      this.handle = undefined;
      void this.runIfChanged();
    }, this.options.delayMs ?? 300);
  }

  /**
   * Runs `work` (several settings writes that belong together, such as a resource and its deployments) with the
   * re-apply on hold: a slow write must not let the timer fire between two of them and apply half a selection.
   */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await work();
    } finally {
      this.holds--;
      if (this.holds === 0 && this.pending) {
        this.pending = false;
        this.schedule();
      }
    }
  }

  /** Resolves when a scheduled or running apply is done (tests, deactivate). */
  async idle(): Promise<void> {
    await this.running;
  }

  private async runIfChanged(): Promise<void> {
    await this.running;
    const signature = this.options.current();
    if (signature === this.applied) {
      return;
    }
    this.applied = signature;
    this.running = this.options.apply().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  dispose(): void {
    if (this.handle !== undefined) {
      (this.options.clearTimer ?? ((h) => { clearTimeout(h as NodeJS.Timeout); }))(this.handle);
      this.handle = undefined;
    }
  }
}

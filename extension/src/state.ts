// The extension's state in one observable model: the selection, the sidecar's choices for it, health (key presence
// included), the sidecar's state, busy and Restricted Mode. Commands change it; what renders (the status bar) follows
// `onDidChange`, as vscode-csharp's status item follows its server's state. Pure (no `vscode` import): unit-tested.
import type { StatusInputs } from './statusModel';

export interface Disposable {
  dispose(): void;
}

export type State = Readonly<StatusInputs>;

export class StateModel implements Disposable {
  private state: StatusInputs;
  private readonly listeners = new Set<(state: State, previous: State) => void>();

  constructor(initial: StatusInputs = { sidecar: 'stopped' }) {
    this.state = { ...initial };
  }

  get current(): State {
    return this.state;
  }

  /** Merges `change` into the state; listeners hear of it only when something differs. */
  update(change: Partial<StatusInputs>): void {
    const next = { ...this.state, ...change };
    if ((Object.keys(change) as (keyof StatusInputs)[]).every((k) => Object.is(this.state[k], next[k]))) {
      return;
    }
    const previous = this.state;
    this.state = next;
    for (const listener of [...this.listeners]) {
      listener(next, previous);
    }
  }

  /** Whether a key is chosen but none is stored; kept across health checks. */
  setKeyMissing(missing: boolean): void {
    if (Boolean(this.state.health?.keyMissing) === missing) {
      return;
    }
    this.update({ health: { ...(this.state.health ?? { selected: null }), keyMissing: missing || undefined } });
  }

  /** A health check starts (`checking`) or ends (its result, or undefined when it failed); key presence is kept. */
  setHealth(health: StatusInputs['health']): void {
    const keyMissing = this.state.health?.keyMissing;
    this.update({ health: health === undefined ? (keyMissing ? { selected: null, keyMissing } : undefined) : { ...health, keyMissing: health.keyMissing ?? keyMissing } });
  }

  /** Calls `listener` now and on every change. */
  subscribe(listener: (state: State, previous: State) => void): Disposable {
    this.listeners.add(listener);
    listener(this.state, this.state);
    return { dispose: () => { this.listeners.delete(listener); } };
  }

  onDidChange(listener: (state: State, previous: State) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => { this.listeners.delete(listener); } };
  }

  dispose(): void {
    this.listeners.clear();
  }
}

// The sidecar process and its JSON-RPC connection. Free of the `vscode` module (the host passes in logging,
// settings and the prompt), so that it is tested against real processes with node's test runner.
import { ChildProcess, spawn } from 'node:child_process';
import type { CancellationToken, Disposable, MessageConnection } from 'vscode-jsonrpc/node';
import { LineSplitter, LogEntry, parseLogLine } from './logLines';
import { CloudSettings, InitializeResult, Notification, ProgressParams, Request, Request0, Rpc } from './protocol';
import { RestartDecision, RestartPolicy } from './restartPolicy';
import { ServerCommand } from './serverPath';

type JsonRpc = typeof import('vscode-jsonrpc/node');
let jsonrpc: JsonRpc | undefined;
/** vscode-jsonrpc, loaded when the first sidecar starts: evaluating it costs ~10 ms that activation need not pay. */
function loadJsonRpc(): JsonRpc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (jsonrpc ??= require('vscode-jsonrpc/node') as JsonRpc);
}

export type SidecarState = 'stopped' | 'starting' | 'ready' | 'restarting' | 'failed';

export interface SidecarHost {
  /** Resolves the command each start (the env var may change between development runs). */
  command(): ServerCommand;
  settings(): CloudSettings;
  env(): NodeJS.ProcessEnv;
  log(entry: LogEntry): void;
  /** Too many crashes: ask whether to try again. */
  askToRestart(lastError: string): Promise<boolean>;
  clientName: string;
  clientVersion: string;
  now?: () => number;
  /** How long `stop()` waits for `shutdown` + `exit` before killing the process. */
  stopTimeoutMs?: number;
}

/** A request that was in flight when the sidecar went away. */
export class SidecarExitedError extends Error {
  constructor(
    readonly method: string,
    readonly reason: string,
  ) {
    super(`The FoundryIde sidecar stopped (${reason}) before answering ${method}. It is restarted automatically; try again.`);
    this.name = 'SidecarExitedError';
  }
}

interface Running {
  process: ChildProcess;
  connection: MessageConnection;
  /** Requests in flight: how to fail each, and its method. */
  pending: Map<(reason: Error) => void, string>;
  stopping: boolean;
  exited: Promise<void>;
}

export class SidecarClient implements Disposable {
  private running: Running | undefined;
  private starting: Promise<Running> | undefined;
  private readonly policy: RestartPolicy;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly stateListeners = new Set<(state: SidecarState) => void>();
  private readonly progressListeners = new Set<(params: ProgressParams) => void>();
  private disposed = false;
  private _state: SidecarState = 'stopped';
  private _serverInfo: InitializeResult | undefined;

  constructor(
    private readonly host: SidecarHost,
    policy?: RestartPolicy,
  ) {
    this.policy = policy ?? new RestartPolicy();
  }

  get state(): SidecarState {
    return this._state;
  }

  get serverInfo(): InitializeResult | undefined {
    return this._serverInfo;
  }

  onDidChangeState(listener: (state: SidecarState) => void): Disposable {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  onProgress(listener: (params: ProgressParams) => void): Disposable {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  /** Starts the sidecar if it is not running (lazily: the first request does this). */
  async start(): Promise<void> {
    await this.ensure();
  }

  async request<R>(type: Request0<R>, token?: CancellationToken): Promise<R>;
  async request<P, R>(type: Request<P, R>, params: P, token?: CancellationToken): Promise<R>;
  async request(type: Request0<unknown> | Request<unknown, unknown>, ...rest: unknown[]): Promise<unknown> {
    const running = await this.ensure();
    return this.send(running, type, rest);
  }

  /** Sends the current settings; called when the configuration changes. Not started just for this. */
  async updateSettings(): Promise<void> {
    const running = this.running;
    if (running && this._state === 'ready') {
      await this.send(running, Rpc.settingsUpdate, [this.host.settings()]);
    }
  }

  /** A notification to a running sidecar; not started just for this (a new one starts from the host's env). */
  async notify<P>(type: Notification<P>, params: P): Promise<void> {
    const running = this.running;
    if (running && this._state === 'ready') {
      await running.connection.sendNotification(type.method, params);
    }
  }

  /** A restart the person asked for: stop, reset the crash count, start. */
  async restart(): Promise<void> {
    this.clearRestartTimer();
    this.policy.reset();
    await this.stop();
    this.disposed = false;
    await this.ensure();
  }

  /** `shutdown` then `exit`; kills the process if it does not end in time. */
  async stop(): Promise<void> {
    this.clearRestartTimer();
    const running = this.running ?? (this.starting ? await this.starting.catch(() => undefined) : undefined);
    if (!running) {
      return;
    }
    running.stopping = true;
    const timeout = this.host.stopTimeoutMs ?? 2_000;
    const killer = setTimeout(() => running.process.kill(), timeout);
    try {
      await Promise.race([
        (async () => {
          await running.connection.sendRequest(Rpc.shutdown.method).catch(() => undefined);
          await running.connection.sendNotification(Rpc.exit.method).catch(() => undefined);
        })(),
        running.exited,
      ]);
      await running.exited;
    } finally {
      clearTimeout(killer);
    }
  }

  dispose(): void {
    this.disposed = true;
    void this.stop();
  }

  private setState(state: SidecarState): void {
    if (this._state !== state) {
      this._state = state;
      for (const listener of [...this.stateListeners]) {
        listener(state);
      }
    }
  }

  /** `rest` is [params, token?] for a request with params, [token?] for one without. */
  private send(running: Running, type: Request0<unknown> | Request<unknown, unknown>, rest: unknown[]): Promise<unknown> {
    // By method name (vscode-jsonrpc counts arguments then): exactly the params object, and the token only if given.
    const params = type.kind === 'request' ? [rest[0]] : [];
    const token = type.kind === 'request' ? rest[1] : rest[0];
    const args = token === undefined ? params : [...params, token];
    return new Promise((resolve, reject) => {
      const fail = (reason: Error) => { reject(reason); };
      running.pending.set(fail, type.method);
      (running.connection.sendRequest as (method: string, ...a: unknown[]) => Promise<unknown>)(type.method, ...args).then(
        (value) => {
          running.pending.delete(fail);
          resolve(value);
        },
        (error: unknown) => {
          running.pending.delete(fail);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private ensure(): Promise<Running> {
    if (this.running && this._state === 'ready') {
      return Promise.resolve(this.running);
    }
    if (!this.starting) {
      this.clearRestartTimer();
      this.starting = this.spawn().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async spawn(): Promise<Running> {
    this.setState('starting');
    let command: ServerCommand;
    try {
      command = this.host.command();
    } catch (error) {
      this.setState('failed');
      throw error;
    }
    this.host.log({ level: 'info', message: `starting sidecar (${command.source}): ${command.command} ${command.args.join(' ')}` });
    const child = spawn(command.command, command.args, { stdio: ['pipe', 'pipe', 'pipe'], env: this.host.env() });
    const rpc = loadJsonRpc();
    const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    let exitReason = 'the process ended';
    const exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        exitReason = error.message;
        resolve();
      });
      child.once('exit', (code, signal) => {
        exitReason = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve();
      });
    });
    const running: Running = { process: child, connection, pending: new Map(), stopping: false, exited };
    this.running = running;

    const splitter = new LineSplitter();
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { this.logLines(splitter.push(chunk)); });
    child.stderr.on('end', () => { this.logLines(splitter.flush()); });
    child.stdin.on('error', () => undefined); // EPIPE after a crash: reported through 'exit'.

    connection.onNotification(Rpc.progress.method, (params: ProgressParams) => {
      for (const listener of [...this.progressListeners]) {
        listener(params);
      }
    });
    connection.onError(([error]) => { this.host.log({ level: 'warn', message: `rpc: ${error.message}` }); });
    connection.listen();

    void exited.then(() => { this.onExit(running, exitReason); });

    try {
      const init = await Promise.race([
        connection.sendRequest<InitializeResult>(Rpc.initialize.method, {
          clientName: this.host.clientName,
          clientVersion: this.host.clientVersion,
          settings: this.host.settings(),
        }),
        exited.then(() => {
          throw new SidecarExitedError('initialize', exitReason);
        }),
      ]);
      this._serverInfo = init;
      this.host.log({ level: 'info', message: `sidecar ready: ${init.serverName} ${init.serverVersion}` });
      this.setState('ready');
      return running;
    } catch (error) {
      if (running.process.exitCode === null && !running.process.killed) {
        running.process.kill();
      }
      throw error;
    }
  }

  private logLines(lines: string[]): void {
    for (const line of lines) {
      const entry = parseLogLine(line);
      if (entry) {
        this.host.log(entry);
      }
    }
  }

  private onExit(running: Running, reason: string): void {
    // vscode-jsonrpc does not settle requests in flight when the stream closes: fail them here, each with its method.
    for (const [fail, method] of [...running.pending]) {
      fail(new SidecarExitedError(method, reason));
    }
    running.pending.clear();
    running.connection.dispose();
    if (this.running === running) {
      this.running = undefined;
    }
    if (running.stopping || this.disposed) {
      this.host.log({ level: 'info', message: `sidecar stopped (${reason})` });
      this.setState('stopped');
      return;
    }
    this.host.log({ level: 'error', message: `sidecar died (${reason})` });
    const decision: RestartDecision = this.policy.onCrash((this.host.now ?? Date.now)());
    if (decision.action === 'restart') {
      this.setState('restarting');
      this.host.log({ level: 'info', message: `restarting the sidecar in ${decision.delayMs} ms (attempt ${decision.attempt})` });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        this.ensure().catch((e: unknown) => { this.host.log({ level: 'error', message: `restart failed: ${String(e)}` }); });
      }, decision.delayMs);
      return;
    }
    this.setState('failed');
    void this.host.askToRestart(reason).then((again) => {
      if (again && !this.disposed) {
        void this.restart().catch((e: unknown) => { this.host.log({ level: 'error', message: `restart failed: ${String(e)}` }); });
      }
    });
  }

  private clearRestartTimer(): void {
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
    }
  }
}

/** The person-facing text of an error from the sidecar: its message (never a stack), and its stable code if any. */
export function describeError(error: unknown): { message: string; code?: number; kind?: string } {
  if (jsonrpc && error instanceof jsonrpc.ResponseError) {
    const data = error.data as { kind?: string } | undefined;
    return { message: error.message, code: error.code, ...(data?.kind ? { kind: data.kind } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

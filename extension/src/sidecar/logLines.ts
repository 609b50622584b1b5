import type { LogLevelParams } from './protocol';
// The sidecar logs one line per entry on stderr (Microsoft.Extensions.Logging's simple console formatter, single
// line, no colours): `HH:mm:ss.fff info: Category[id] message`. This turns a chunk of stderr into entries at their
// own level, so that the LogOutputChannel filters them like its own.

export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevelName;
  /** The message without timestamp and level prefix (the channel adds its own); category kept. */
  message: string;
}

const levels: Record<string, LogLevelName> = {
  trce: 'trace',
  dbug: 'debug',
  info: 'info',
  warn: 'warn',
  fail: 'error',
  crit: 'error',
};

const linePattern = /^(?:\d{2}:\d{2}:\d{2}\.\d{3} )?(trce|dbug|info|warn|fail|crit): (.*)$/;

/** One line; a line without a level prefix (a runtime crash, `dotnet` complaining) is an error worth seeing. */
export function parseLogLine(line: string): LogEntry | undefined {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed.trim() === '') {
    return undefined;
  }
  const match = linePattern.exec(trimmed);
  if (!match) {
    return { level: 'error', message: trimmed };
  }
  const [, tag, message] = match;
  return { level: levels[tag] ?? 'info', message: message ?? '' };
}

/** Splits a stream into lines across chunk boundaries. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const rest = this.rest;
    this.rest = '';
    return rest === '' ? [] : [rest];
  }
}

/** The sidecar's level name for FOUNDRYIDE_LOG_LEVEL, from the output channel's level (VS Code's LogLevel enum values). */
export function sidecarLogLevel(channelLevel: number): LogLevelParams['level'] {
  // vscode.LogLevel: Off 0, Trace 1, Debug 2, Info 3, Warning 4, Error 5
  switch (channelLevel) {
    case 1:
      return 'Trace';
    case 2:
      return 'Debug';
    case 4:
      return 'Warning';
    case 0:
    case 5:
      return 'Error';
    default:
      return 'Information';
  }
}

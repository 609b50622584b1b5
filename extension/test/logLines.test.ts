import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineSplitter, parseLogLine, sidecarLogLevel } from '../src/sidecar/logLines';

test('each level prefix maps to the channel level, timestamp dropped, category kept', () => {
  const cases: [string, string][] = [
    ['trce', 'trace'],
    ['dbug', 'debug'],
    ['info', 'info'],
    ['warn', 'warn'],
    ['fail', 'error'],
    ['crit', 'error'],
  ];
  for (const [tag, level] of cases) {
    assert.deepEqual(parseLogLine(`12:34:56.789 ${tag}: FoundryIde.Server.Hosting.StdioRpcService[0] hello world`), {
      level,
      message: 'FoundryIde.Server.Hosting.StdioRpcService[0] hello world',
    });
  }
});

test('a line without timestamp still parses; CR is dropped', () => {
  assert.deepEqual(parseLogLine('warn: X[1] careful\r'), { level: 'warn', message: 'X[1] careful' });
});

test('a line without a level (a runtime crash) is an error; blank lines are skipped', () => {
  assert.deepEqual(parseLogLine('Unhandled exception. System.Exception: boom'), { level: 'error', message: 'Unhandled exception. System.Exception: boom' });
  assert.equal(parseLogLine('   '), undefined);
});

test('lines split across chunks are joined', () => {
  const s = new LineSplitter();
  assert.deepEqual(s.push('10:00:00.000 info: A[0] on'), []);
  assert.deepEqual(s.push('e\n10:00:00.001 warn: B[0] two\n10:00'), ['10:00:00.000 info: A[0] one', '10:00:00.001 warn: B[0] two']);
  assert.deepEqual(s.flush(), ['10:00']);
  assert.deepEqual(s.flush(), []);
});

test('the channel level becomes FOUNDRYIDE_LOG_LEVEL', () => {
  assert.equal(sidecarLogLevel(1), 'Trace');
  assert.equal(sidecarLogLevel(2), 'Debug');
  assert.equal(sidecarLogLevel(3), 'Information');
  assert.equal(sidecarLogLevel(4), 'Warning');
  assert.equal(sidecarLogLevel(5), 'Error');
});

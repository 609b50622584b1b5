// A minimal HTTPS client for the loopback emulator: trusts only the emulator's CA, refuses any host but 127.0.0.1.
import https from 'node:https';

export function newAgent(ca, keepAlive = true) {
  return new https.Agent({ ca, keepAlive, maxSockets: keepAlive ? 1 : Infinity });
}

/** Sends one request; resolves {status, text, json()} once the whole body is read. */
export function request(url, { method = 'GET', headers = {}, body, agent, timeoutMs = 60_000 } = {}) {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`refusing to send a request to ${target.hostname}`);
  return new Promise((resolve, reject) => {
    const req = https.request(target, { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${target.pathname} timed out`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Like request(), but throws unless the status is 2xx; returns the parsed JSON body (or null when empty). */
export async function requestJson(url, options) {
  const res = await request(url, options);
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${options?.method ?? 'GET'} ${new URL(url).pathname} -> ${res.status}: ${res.text.slice(0, 300)}`);
  }
  return res.text.length ? res.json() : null;
}

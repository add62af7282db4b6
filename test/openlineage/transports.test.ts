// The OpenLineage transports and run ids on their own: retries, refusals, the circuit breaker, time
// limits, the file's order, and UUIDv7 layout.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTransport } from '../../runtime/openlineage/file-transport.js';
import { HttpTransport } from '../../runtime/openlineage/http-transport.js';
import type { OlRunEvent } from '../../runtime/openlineage/ol-event.js';
import { uuidV7 } from '../../runtime/openlineage/ol-run-id.js';
import { startCollector } from '../support/lineage-collector.js';

const event = (n: number): OlRunEvent => ({
  eventType: 'START', eventTime: new Date(n).toISOString(), producer: 'https://lakec.dev/lakec/test', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: uuidV7(n, `run/${n}`) }, job: { namespace: 'ns', name: `job${n}` }, inputs: [], outputs: [],
});
const noSleep = async () => undefined;

describe('HTTP transport', () => {
  it('retries 503 and delivers in order', async () => {
    const c = await startCollector({ failFirst: 2 });
    const t = new HttpTransport({ url: `${c.url}/api/v1/lineage`, timeoutMs: 2000, sleep: noSleep });
    for (let i = 0; i < 5; i++) t.send(event(i));
    expect(await t.close()).toEqual({ transport: 'http', target: `${c.url}/api/v1/lineage`, sent: 5, failed: 0 });
    expect(c.requests.map((r) => (r.body as OlRunEvent).job.name)).toEqual(['job0', 'job1', 'job2', 'job3', 'job4']);
    expect(c.hits()).toBe(7);
    await c.close();
  });

  it('does not retry a 400, and stops trying once an event is given up on', async () => {
    const c = await startCollector({ failFirst: 100, failStatus: 400 });
    const t = new HttpTransport({ url: `${c.url}/api/v1/lineage`, timeoutMs: 2000, sleep: noSleep });
    for (let i = 0; i < 4; i++) t.send(event(i));
    const report = await t.close();
    expect(report).toMatchObject({ sent: 0, failed: 4 });
    expect(report.error).toMatch(/answered 400/);
    expect(c.hits()).toBe(1);
    await c.close();
  });

  it('gives up on a collector that never answers after 3 time limits, then drops the rest', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/lineage`;
    const t = new HttpTransport({ url, timeoutMs: 100, sleep: noSleep });
    for (let i = 0; i < 50; i++) t.send(event(i));
    const started = Date.now();
    const report = await t.close();
    const took = Date.now() - started;
    expect(report).toMatchObject({ sent: 0, failed: 50 });
    expect(report.error).toMatch(/no answer within 100 ms/);
    expect(took).toBeLessThan(5000);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('sends user:password of the URL as Basic credentials and never puts them into its report', async () => {
    const c = await startCollector();
    const t = new HttpTransport({ url: c.url.replace('http://', 'http://alice:s3cret@') + '/api/v1/lineage', timeoutMs: 2000, sleep: noSleep });
    t.send(event(1));
    expect(await t.close()).toMatchObject({ sent: 1, target: `${c.url}/api/v1/lineage` });
    expect(c.requests[0]!.headers['authorization']).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    await c.close();
    const down = new HttpTransport({ url: 'http://alice:s3cret@127.0.0.1:9/api/v1/lineage', timeoutMs: 200, sleep: noSleep });
    down.send(event(1));
    const report = await down.close();
    expect(report.failed).toBe(1);
    expect(JSON.stringify(report)).not.toMatch(/s3cret|alice/);
  });
});

describe('file transport', () => {
  it('appends one JSON line per event, in order', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lakec-olfile-')), '_openlineage.jsonl');
    const t = new FileTransport(path);
    for (let i = 0; i < 100; i++) t.send(event(i));
    expect(await t.close()).toEqual({ transport: 'file', target: path, sent: 100, failed: 0 });
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as OlRunEvent).job.name)).toEqual(Array.from({ length: 100 }, (_, i) => `job${i}`));
  });
});

describe('file transport after a kill', () => {
  it('ends a torn last line before appending, so every line after it parses', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lakec-olfile-')), '_openlineage.jsonl');
    writeFileSync(path, JSON.stringify(event(0)) + '\n' + JSON.stringify(event(1)).slice(0, 40));
    const t = new FileTransport(path);
    t.send(event(2));
    await t.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.length).toBe(4);
    expect((JSON.parse(lines[2]!) as OlRunEvent).job.name).toBe('job2');
    expect(lines[3]).toBe('');
  });
});

describe('uuidV7', () => {
  it('has version 7, the RFC 9562 variant, the time in its first 48 bits, and is stable per seed', () => {
    const t = Date.parse('2026-11-21T18:00:00.123Z');
    const id = uuidV7(t, 'run/a');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    expect(uuidV7(t, 'run/a')).toBe(id);
    expect(uuidV7(t, 'run/b')).not.toBe(id);
    expect(uuidV7(t + 1, 'run/a') > id).toBe(true);
  });
});

// Test support: a real local HTTP server that plays a Marquez-compatible collector: it records every
// request (method, path, headers, JSON body) and answers 201, or an injected status for the first N.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the collector received. */
export interface CollectedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** A running collector; `close()` stops it. */
export interface LineageCollector {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: CollectedRequest[];
  /** Every request received, refused ones included. */
  hits(): number;
  close(): Promise<void>;
}

/** Starts a collector on a free port; the first `failFirst` requests are answered `failStatus` (default 503). */
export async function startCollector(options: { failFirst?: number; failStatus?: number } = {}): Promise<LineageCollector> {
  const requests: CollectedRequest[] = [];
  let failures = options.failFirst ?? 0;
  let hits = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits++;
      if (failures > 0) {
        failures--;
        res.writeHead(options.failStatus ?? 503).end();
        return;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, hits: () => hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

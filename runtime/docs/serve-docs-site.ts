// docs/: serves a written docs site over HTTP (`lakec docs --serve`), for browsers or setups that
// prefer http:// to file://. Static files only: GET and HEAD, content types by extension, `/` is
// index.html, and no path resolves outside the site folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** A running docs server. */
export interface DocsServer {
  /** `http://HOST:PORT/`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `siteDir` on `host:port` (port 0: any free port). Answers 404 for missing files and for
 * paths that would leave `siteDir` (`..`, encoded or not), 405 for methods other than GET and HEAD.
 * @throws the listen error (e.g. EADDRINUSE) when the port cannot be bound.
 */
export async function serveDocsSite(siteDir: string, options: { host: string; port: number }): Promise<DocsServer> {
  const root = resolve(siteDir);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://docs').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    stat(file).then((s) => {
      if (!s.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': s.size, 'cache-control': 'no-cache' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    }).catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

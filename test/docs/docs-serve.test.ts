// `lakec docs --serve`: the written site is served over HTTP (the files byte for byte, with content
// types), paths that try to leave the site get 404, other methods 405, and the abort stops the server.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { runDocsCommand } from '../../runtime/cli/commands/docs-command.js';
import { copyProject } from '../support/project-copy.js';

/** A raw GET/other request (fetch would normalize `..` away before sending). */
function raw(url: string, path: string, method = 'GET'): Promise<{ status: number; type?: string; body: string }> {
  const u = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, ...(res.headers['content-type'] ? { type: res.headers['content-type'] } : {}), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('lakec docs --serve', () => {
  it('serves the written site and nothing outside it, until aborted', async () => {
    const project = copyProject();
    const out = join(mkdtempSync(join(tmpdir(), 'lakec-docs-serve-')), 'site');
    const stdout = new PassThrough();
    let text = '';
    let announce: (url: string) => void;
    const served = new Promise<string>((done) => (announce = done));
    stdout.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /serving (http:\/\/\S+)/.exec(text);
      if (m) announce(m[1]!);
    });
    const controller = new AbortController();
    const session = runDocsCommand({ project, vars: {}, json: false, cache: false }, { out, serve: { host: '127.0.0.1', port: 0, signal: controller.signal } }, { stdout, stderr: new PassThrough(), cwd: project, env: {} });
    const url = await served;

    const index = await raw(url, '/');
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(index.body).toBe(readFileSync(join(out, 'index.html'), 'utf8'));
    const data = await raw(url, '/data.js');
    expect(data.type).toBe('text/javascript; charset=utf-8');
    expect(data.body).toBe(readFileSync(join(out, 'data.js'), 'utf8'));
    expect((await raw(url, '/missing.js')).status).toBe(404);
    expect((await raw(url, '/../pipelines.yaml')).status).toBe(404);
    expect((await raw(url, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await raw(url, '/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    expect((await raw(url, '/', 'POST')).status).toBe(405);

    controller.abort();
    expect(await session).toBe(0);
    await expect(raw(url, '/')).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});

// Test support: a real S3-protocol server (s3rver, an S3 implementation over the file system) in a
// child process on a free local port with a temporary directory, plus an SDK client to fill it.
// s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node >= 17) only has in
// its legacy provider: without `--openssl-legacy-provider` every paged listing fails with HTTP 500.
// A child process gets that flag without touching the test process, and keeps the server's CPU off
// the test's event loop.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './paths.js';

/** Runs in the child: starts s3rver on a free port, prints `{"port":N}`, stops when stdin closes or on SIGTERM. */
const SERVER_SCRIPT = `
const S3rver = require('s3rver');
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[1] });
const stop = () => server.close().finally(() => process.exit(0));
server.run().then((a) => process.stdout.write(JSON.stringify({ port: a.port }) + '\\n'), (e) => { console.error(e); process.exit(1); });
process.on('SIGTERM', stop);
process.stdin.on('end', stop).resume();
`;

/** A running server. `env` holds the AWS_* variables that point lakec at it. */
export interface S3TestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (s3rver's built-in account), AWS_S3_FORCE_PATH_STYLE. */
  readonly env: Record<string, string>;
  /** Client for filling the server (path style, no checksum trailers). */
  readonly client: S3Client;
  createBucket(bucket: string): Promise<void>;
  put(bucket: string, key: string, body: Buffer | string): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** s3rver's default account (its README): any other key is refused with InvalidAccessKeyId. */
const KEY_ID = 'S3RVER';
const SECRET = 'S3RVER';

/** Starts s3rver on 127.0.0.1 and a free port, storing objects in a new temporary directory. */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'lakec-s3rver-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', SERVER_SCRIPT, directory], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await readPort(child);
  const endpoint = `http://127.0.0.1:${port}`;
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const client = new S3Client({
    endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    env: { AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_S3_FORCE_PATH_STYLE: 'true' },
    client,
    createBucket: async (bucket) => {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    },
    put: async (bucket, key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    stop: async () => {
      client.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The port the child prints first; rejects if it exits before (its stderr is inherited, so the reason shows). */
function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null): void => reject(new Error(`s3rver exited (${code}) before it listened`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      lines.close();
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
}

// openlineage/: the HTTP transport: each event POSTed as JSON to a Marquez-compatible endpoint
// (`POST /api/v1/lineage`, answered 2xx), one at a time so a collector sees them in order.
// Network errors, time-outs and 5xx/429 answers are retried twice (after 200 ms, then 400 ms); other
// 4xx answers are not (the collector refused the event). Once an event is given up on, the collector
// is taken to be down and later events are dropped without trying (a circuit breaker), so a dead
// collector costs an apply at most 3 time limits plus 0.6 s, however many events it has.
// @see https://openlineage.io/apidocs/openapi/ (POST /lineage) and https://marquezproject.ai
import type { OlRunEvent } from './ol-event.js';
import type { LineageTransport, TransportReport } from './lineage-transport.js';

/** Settings of one HTTP transport. */
export interface HttpTransportOptions {
  /** Full URL events are POSTed to (base URL + endpoint). */
  readonly url: string;
  /** Bearer token for `Authorization`, when the collector needs one. */
  readonly apiKey?: string;
  /** Time limit of one POST attempt, ms. */
  readonly timeoutMs: number;
  /** Seam for tests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Seam for tests; default a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRY_DELAYS_MS = [200, 400];

/** `Basic …` credentials of a URL's user:password (RFC 7617), or undefined when it has none. */
function basicAuth(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return undefined;
    return `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
  } catch {
    return undefined;
  }
}

/** `url` without user:password, for requests, reports and messages. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** POSTs events in order; see the file comment for retries. */
export class HttpTransport implements LineageTransport {
  private chain: Promise<void> = Promise.resolve();
  private sent = 0;
  private failed = 0;
  private error: string | undefined;

  /** The URL without user:password (fetch refuses credentials in URLs; they go into a Basic header). */
  private readonly shown: string;
  private readonly basic: string | undefined;

  constructor(private readonly options: HttpTransportOptions) {
    this.shown = displayUrl(options.url);
    this.basic = basicAuth(options.url);
  }

  send(event: OlRunEvent): void {
    const body = JSON.stringify(event);
    this.chain = this.chain.then(() => this.post(body));
  }

  async close(): Promise<TransportReport> {
    await this.chain;
    return { transport: 'http', target: this.shown, sent: this.sent, failed: this.failed, ...(this.error ? { error: this.error } : {}) };
  }

  private async post(body: string): Promise<void> {
    if (this.failed) {
      this.failed++;
      return;
    }
    const doFetch = this.options.fetch ?? fetch;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers['authorization'] = `Bearer ${this.options.apiKey}`;
    else if (this.basic) headers['authorization'] = this.basic;
    let last = '';
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1]!);
      try {
        const response = await doFetch(this.shown, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs) });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          this.sent++;
          return;
        }
        last = `${this.shown} answered ${response.status} ${response.statusText}`.trim();
        if (response.status !== 429 && response.status < 500) break;
      } catch (e) {
        const err = e as Error;
        const why = err.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (err.cause as Error | undefined)?.message ?? err.message;
        last = `POST ${this.shown} failed: ${why.split(this.options.url).join(this.shown)}`;
      }
    }
    this.failed++;
    this.error ??= last;
  }
}

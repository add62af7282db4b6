// openlineage/: where events go. A transport takes events in order and never throws into the apply:
// lineage is reported, not load-bearing, so a dead collector cannot fail or slow down a run beyond
// the transport's own time limits.
import type { OlRunEvent } from './ol-event.js';

/** What a transport did, reported when it is closed. */
export interface TransportReport {
  /** `file` or `http`. */
  readonly transport: string;
  /** Where the events went: the file's path, or the URL POSTed to. */
  readonly target: string;
  /** Events delivered (written, or answered 2xx). */
  readonly sent: number;
  /** Events not delivered (the HTTP transport stops trying after the first; see http-transport.ts). */
  readonly failed: number;
  /** The first failure's message, when any. */
  readonly error?: string;
}

/** A destination of OpenLineage events. */
export interface LineageTransport {
  /** Queues one event; events are delivered in the order they were queued. Never throws. */
  send(event: OlRunEvent): void;
  /** Delivers what is queued (waiting at most the transport's time limits) and reports. Never throws. */
  close(): Promise<TransportReport>;
}

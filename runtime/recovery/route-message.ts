// recovery/: the one-line account of a recovery route taken, as the audit log and progress show it.
import type { ManifestRoute } from '../lake/manifest.js';
import { formatStaleness } from './format-staleness.js';

/**
 * `used route mirror (cost 2, staleness 0s) after primary: no file matching "…" in "dumps"`; several
 * routes passed over are joined with `; `, a previous_run route adds `from run <id>`.
 * @param route the route recorded on the manifest step (chooseIngestRoute's `route`).
 */
export function routeAuditMessage(route: ManifestRoute): string {
  const from = route.fromRun ? ` from run ${route.fromRun}` : '';
  const after = route.tried.length ? ` after ${route.tried.map((t) => `${t.name}: ${t.reason}`).join('; ')}` : '';
  return `used route ${route.name}${from} (cost ${route.cost}, staleness ${formatStaleness(route.stalenessMs)})${after}`;
}

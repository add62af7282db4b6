// cli/: the human (text) and machine (JSON) views of `lakec lineage --routes DATASET`. Pure: data in,
// string out; runtime/recovery/list-routes.ts computes the listing.
import { formatStaleness } from '../recovery/format-staleness.js';
import type { ListedRoute, RouteListing } from '../recovery/list-routes.js';

/**
 * Text rendering: a title, then one block per source — its stage, then its routes in preference order,
 * one line each: `*` on the route an apply would take now, name, kind, cost, staleness, and where it
 * reads from (file, or run) or `unavailable: <reason>`. A source with no available route says the apply
 * would fail (LK6109). Ends with the cheapest combination for a dataset with several sources. Ends with
 * a newline. Display only.
 */
export function renderRoutesText(listing: RouteListing): string {
  const all = listing.sources.flatMap((s) => s.routes);
  const nameWidth = Math.max(...all.map((r) => r.name.length));
  const kindWidth = Math.max(...all.map((r) => r.kind.length));
  const costWidth = Math.max(...all.map((r) => String(r.cost).length));
  const n = listing.sources.length;
  let out = `routes to ${listing.dataset} (${n} source${n === 1 ? '' : 's'}; preference order: cost, then declaration; * = taken now):\n`;
  for (const source of listing.sources) {
    out += `  ${source.stage}\n`;
    for (const r of source.routes) {
      out += `  ${r.chosen ? '*' : ' '} ${r.name.padEnd(nameWidth)}  ${r.kind.padEnd(kindWidth)}  cost ${String(r.cost).padStart(costWidth)}  staleness ${formatStaleness(r.stalenessMs).padEnd(6)}  ${where(r)}\n`;
    }
    if (!source.routes.some((r) => r.available)) out += `    (no route available: an apply now fails with LK6109)\n`;
  }
  if (listing.cheapest && n > 1) {
    out += `cheapest combination now: cost ${listing.cheapest.cost}, staleness ${formatStaleness(listing.cheapest.stalenessMs)} (a join needs every source: costs add up, the stalest source counts)\n`;
  }
  return out;
}

/** JSON rendering: the listing as is, 2-space indent, trailing newline. */
export function renderRoutesJson(listing: RouteListing): string {
  return JSON.stringify(listing, null, 2) + '\n';
}

function where(r: ListedRoute): string {
  if (!r.available) return `unavailable: ${r.reason ?? 'unknown'}`;
  if (r.file !== undefined) return r.file;
  return r.fromRun !== undefined ? `run ${r.fromRun}` : '';
}

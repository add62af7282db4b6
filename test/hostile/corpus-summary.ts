// Hostile-input corpus: the summary printed after a run: cases per category, measured peaks, and every
// case whose outcome was not the expected one.
import type { CaseResult } from './run-hostile-case.js';

/** Text summary of `results` (out of `planned` cases): counts by category, max RSS/time, unexpected outcomes. */
export function formatCorpusSummary(results: readonly CaseResult[], planned: number): string {
  const byCategory = new Map<string, { n: number; bad: number }>();
  for (const r of results) {
    const e = byCategory.get(r.category) ?? { n: 0, bad: 0 };
    e.n++;
    if (r.problems.length) e.bad++;
    byCategory.set(r.category, e);
  }
  const unexpected = results.filter((r) => r.problems.length);
  let out = `\nhostile corpus: ${results.length} of ${planned} cases run, ${unexpected.length} unexpected outcomes\n`;
  for (const [cat, e] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) out += `  ${cat.padEnd(12)} ${String(e.n).padStart(3)} cases${e.bad ? `, ${e.bad} unexpected` : ''}\n`;
  out += 'per case: exit, peak RSS of the child, wall time, first diagnostic\n';
  for (const r of results) {
    const rss = r.rssKb === undefined ? '   ? MiB' : `${String(Math.round(r.rssKb / 1024)).padStart(4)} MiB`;
    out += `  ${r.id.padEnd(38)} exit ${r.exit ?? '-'}  ${rss}  ${(r.wallMs / 1000).toFixed(2).padStart(6)} s  ${(r.diagnostic ?? '').replace(/^.*\/(?=[^/]+:\d+:\d+: )/, '…/').slice(0, 110)}\n`;
  }
  if (results.length) {
    out += `max peak RSS ${Math.round(Math.max(...results.map((r) => r.rssKb ?? 0)) / 1024)} MiB, max wall time ${(Math.max(...results.map((r) => r.wallMs)) / 1000).toFixed(2)} s\n`;
  }
  for (const r of unexpected) out += `UNEXPECTED ${r.id}:\n${r.problems.map((p) => `    - ${p}`).join('\n')}\n`;
  return out;
}

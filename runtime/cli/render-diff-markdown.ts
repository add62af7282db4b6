// cli/: the Markdown view of a plan diff, for a pull-request comment. Bounded in size whatever the diff:
// GitHub rejects comments over 65,536 characters, so every list has a character budget and is cut
// with "… and N more" past it.
import type { ModifiedStep, PlanDiff, StepDiff } from '../../compiler/index.js';
import { modifiedForReview } from './render-diff.js';

/** Upper bound on the length of renderDiffMarkdown's output, in UTF-16 code units (JS string length). */
export const MARKDOWN_MAX_CHARS = 65_000;

/**
 * Budgets (UTF-16 code units) of the sections of the comment; with the headline and footer (each
 * clipped to under 1,500) they sum to under MARKDOWN_MAX_CHARS.
 */
const BUDGET = { direct: 24_000, indirect: 10_000, added: 7_000, removed: 7_000, downstream: 6_000, datasets: 3_500, rules: 3_500 } as const;
/** Longest single table row or list line; longer ones are clipped with `…`. */
const MAX_LINE = 1_000;

/**
 * Markdown for a pull-request comment: headline counts, a table of the directly modified steps
 * (category, reasons, number of affected downstream steps), collapsed `<details>` lists of the
 * indirectly modified, added and removed steps, affected downstream steps, datasets and validation
 * rules, and the new plan's full fingerprint. A list that does not fit its budget ends with
 * `… and N more` and the comment says it was shortened (`lakec diff --json` has everything).
 * @returns at most MARKDOWN_MAX_CHARS characters, ending with a newline.
 */
export function renderDiffMarkdown(diff: PlanDiff): string {
  const s = diff.summary.steps;
  const cut = { any: false };
  let out = `### lakec plan diff: ${code(clip(diff.project, 200))}\n\n`;
  if (!diff.summary.hasChanges) {
    out += `No changes: ${s.unchanged} steps unchanged.\n\n`;
  } else {
    out += `**${s.modified} modified** (${s.breaking} breaking, ${s.nonBreaking} non-breaking; ${s.direct} edited directly, ${s.indirect} through upstream)`
      + ` · **${s.added} added** · **${s.removed} removed** · ${s.unchanged} unchanged steps\n\n`;
    const d = diff.summary.datasets;
    const v = diff.summary.validations;
    out += `Datasets: ${d.added} added, ${d.removed} removed, ${d.modified} modified · Validation rules: ${v.added} added, ${v.removed} removed, ${v.modified} modified\n\n`;
    if (s.breaking) out += `> [!WARNING]\n> ${s.breaking} breaking ${s.breaking === 1 ? 'change' : 'changes'}: downstream consumers may need updating.\n\n`;
    if (!diff.oldFingerprint) out += `No base plan: every step is new.\n\n`;
    else if (diff.summary.pipelinesChanged) out += `Pipelines were added, removed or re-described.\n\n`;
    if (diff.summary.settingsChanged.length) out += `Settings changed: ${diff.summary.settingsChanged.map(code).join(', ')} (how runs go, not what they compute).\n\n`;
    out += bodySections(diff, cut);
  }
  if (cut.any) out += `_Some lists were shortened to keep this comment under ${MARKDOWN_MAX_CHARS.toLocaleString('en-US')} characters; run \`lakec diff --json\` for the full diff._\n\n`;
  out += `Plan fingerprint: \`${diff.newFingerprint}\``;
  out += diff.oldFingerprint ? ` (base \`${diff.oldFingerprint}\`)\n` : '\n';
  return out.length <= MARKDOWN_MAX_CHARS ? out : out.slice(0, MARKDOWN_MAX_CHARS - 2) + '…\n';
}

function bodySections(diff: PlanDiff, cut: { any: boolean }): string {
  const modified = modifiedForReview(diff);
  const direct = modified.filter((m) => m.direct);
  const indirect = modified.filter((m) => !m.direct);
  let out = '';
  if (direct.length) {
    out += `#### Edited steps (${direct.length})\n\n| step | category | reasons | affected downstream |\n|---|---|---|---|\n`;
    out += bounded(direct, tableRow, BUDGET.direct, cut, (n) => `| … and ${n} more | | | |`) + '\n';
  }
  out += details(`Modified through upstream only (${indirect.length})`, indirect, (m) => `- ${stepName(m)}: ${m.category}; ${clip(m.reasons.join('; '), 600)}`, BUDGET.indirect, cut);
  out += details(`Added steps (${diff.summary.steps.added})`, diff.steps.filter((x) => x.change === 'added'), listItem, BUDGET.added, cut);
  out += details(`Removed steps (${diff.summary.steps.removed})`, diff.steps.filter((x) => x.change === 'removed'), listItem, BUDGET.removed, cut);
  const withDownstream = direct.filter((m) => m.affectedDownstream.length);
  out += details(
    `Affected downstream of edited steps (${withDownstream.length})`,
    withDownstream, (m) => `- ${code(m.id)} → ${downstreamList(m.affectedDownstream)}`,
    BUDGET.downstream, cut,
  );
  out += details(`Datasets changed (${diff.datasets.length})`, diff.datasets, (d) => `- ${d.change} ${code(d.name)}${d.details.length ? `: ${d.details.join(', ')}` : ''}`, BUDGET.datasets, cut);
  out += details(`Validation rules changed (${diff.validations.length})`, diff.validations, (r) => `- ${r.change} ${code(r.id)}${r.fields.length ? `: ${r.fields.join(', ')}` : ''}`, BUDGET.rules, cut);
  return out;
}

function tableRow(m: ModifiedStep): string {
  const category = m.category === 'breaking' ? '**breaking**' : 'non-breaking';
  return `| ${stepName(m)} | ${category} | ${cell(clip(m.reasons.join('<br>'), 600))} | ${m.affectedDownstream.length} |`;
}

function listItem(x: StepDiff): string {
  return `- ${stepName(x)}`;
}

/** Ids as code spans, comma-separated, stopping once past MAX_LINE (the line is clipped there anyway). */
function downstreamList(ids: readonly string[]): string {
  let out = '';
  for (let i = 0; i < ids.length; i++) {
    if (out.length > MAX_LINE) return `${out}, … and ${ids.length - i} more`;
    out += (i ? ', ' : '') + code(ids[i]!);
  }
  return out;
}

function stepName(x: StepDiff): string {
  return `${code(x.id)} (${x.kind}, ${x.layer})`;
}

/** A collapsed list of `items`, one `line` each; nothing when `items` is empty. */
function details<T>(summary: string, items: readonly T[], line: (x: T) => string, budget: number, cut: { any: boolean }): string {
  if (!items.length) return '';
  return `<details><summary>${summary}</summary>\n\n${bounded(items, line, budget, cut, (n) => `- … and ${n} more`)}\n</details>\n\n`;
}

/**
 * One line per item (each clipped to MAX_LINE), as many as fit in `budget` characters with room left
 * for the `more(n)` line that replaces the rest. Lines are built only as needed, so a huge diff costs
 * no more than what is shown. Sets `cut.any` when items were left out.
 */
function bounded<T>(items: readonly T[], line: (x: T) => string, budget: number, cut: { any: boolean }, more: (n: number) => string): string {
  const reserve = more(items.length).length + 1;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const text = clip(line(items[i]!), MAX_LINE) + '\n';
    if (out.length + text.length + reserve > budget) {
      cut.any = true;
      return out + more(items.length - i) + '\n';
    }
    out += text;
  }
  return out;
}

/** Table-cell safe: no pipes or newlines. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

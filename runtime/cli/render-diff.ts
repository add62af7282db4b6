// cli/: the human (text) and machine (JSON) views of a plan diff. Markdown lives in render-diff-markdown.ts.
import { canonicalJson } from '../../compiler/index.js';
import type { ModifiedStep, PlanDiff, StepDiff } from '../../compiler/index.js';
import { ansiStyles, type Styles } from './ansi.js';

/** Options of renderDiffText. */
export interface DiffTextOptions {
  /** ANSI colours (the caller decides: only for a terminal, see ansi.ts colorFor). Default false. */
  readonly color?: boolean;
}

/**
 * Text rendering of `diff`: a headline with both plan fingerprints (12 hex chars) and counts, then the
 * added, removed and modified steps (breaking first; each with its reasons and, for a direct edit, the
 * affected downstream steps), then changed datasets and validation rules. Unchanged steps are counted,
 * not listed. Ends with a newline. Display only: the wording may change; use renderDiffJson to parse.
 */
export function renderDiffText(diff: PlanDiff, opts: DiffTextOptions = {}): string {
  const c = ansiStyles(opts.color === true);
  const s = diff.summary.steps;
  const base = diff.oldFingerprint ? diff.oldFingerprint.slice(0, 12) : '(none)';
  let out = `${c.bold(`diff ${diff.project}`)}: ${base} -> ${diff.newFingerprint.slice(0, 12)}\n`;
  if (!diff.summary.hasChanges) return `${out}no changes: ${s.unchanged} steps unchanged\n`;
  out += `steps: ${c.green(`${s.added} added`)}, ${c.red(`${s.removed} removed`)}, ${c.yellow(`${s.modified} modified`)}`
    + ` (${s.breaking} breaking, ${s.nonBreaking} non-breaking; ${s.direct} direct, ${s.indirect} upstream only), ${s.unchanged} unchanged\n`;
  out += section(c, 'added', diff.steps.filter((x) => x.change === 'added'), (x) => `  ${c.green('+')} ${describe(x)}\n`);
  out += section(c, 'removed', diff.steps.filter((x) => x.change === 'removed'), (x) => `  ${c.red('-')} ${describe(x)}\n`);
  out += section(c, 'modified', modifiedForReview(diff), (m) => renderModified(c, m));
  out += section(c, 'datasets', diff.datasets, (d) => `  ${mark(c, d.change)} ${d.name}${d.details.length ? c.dim(`  (${d.details.join(', ')})`) : ''}\n`);
  out += section(c, 'validation rules', diff.validations, (r) => `  ${mark(c, r.change)} ${r.id}${r.fields.length ? c.dim(`  (${r.fields.join(', ')} changed)`) : ''}\n`);
  if (diff.summary.pipelinesChanged && diff.oldFingerprint) out += `\npipelines changed (added, removed or re-described)\n`;
  if (diff.summary.settingsChanged.length) out += `\nsettings changed: ${diff.summary.settingsChanged.join(', ')} (how runs go, not what they compute; no step rebuilds for it)\n`;
  return out;
}

/**
 * The diff as canonical JSON (sorted keys, 2-space indent) with a trailing newline: the PlanDiff of
 * compiler/types/plan-diff.ts, stable for tools to parse.
 */
export function renderDiffJson(diff: PlanDiff): string {
  return canonicalJson(diff, true) + '\n';
}

/** Modified steps in review order: breaking first, then direct edits first, then by id. */
export function modifiedForReview(diff: PlanDiff): ModifiedStep[] {
  const rank = (m: ModifiedStep) => (m.category === 'breaking' ? 0 : 2) + (m.direct ? 0 : 1);
  return diff.steps
    .filter((x): x is ModifiedStep => x.change === 'modified')
    .sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function renderModified(c: Styles, m: ModifiedStep): string {
  const category = m.category === 'breaking' ? c.red('breaking') : c.green('non-breaking');
  const how = m.direct ? 'direct' : 'upstream only';
  let out = `  ${c.yellow('~')} ${describe(m)}  ${category}, ${how}${m.dataChanged ? '' : ', metadata only'}\n`;
  for (const r of m.reasons) out += `      ${r}\n`;
  if (m.affectedDownstream.length) {
    const shown = m.affectedDownstream.slice(0, 10).join(', ');
    const more = m.affectedDownstream.length > 10 ? ` … and ${m.affectedDownstream.length - 10} more` : '';
    out += c.dim(`      affects ${m.affectedDownstream.length} downstream: ${shown}${more}`) + '\n';
  }
  return out;
}

function section<T>(c: Styles, title: string, items: readonly T[], line: (x: T) => string): string {
  if (!items.length) return '';
  let out = `\n${c.bold(title)} (${items.length})\n`;
  for (const x of items) out += line(x);
  return out;
}

function describe(x: StepDiff): string {
  return `${x.id} (${x.kind}, ${x.layer})`;
}

function mark(c: Styles, change: string): string {
  return change === 'added' ? c.green('+') : change === 'removed' ? c.red('-') : c.yellow('~');
}

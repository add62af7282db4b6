// plan/: classifies one step present in two plans: unchanged, or modified with a category (breaking or
// non-breaking), human reasons and column detail. Relies on the plan's fingerprints only: it never
// re-derives lineage. Pure.
import type { ModelStep, PlanStep } from '../types/plan.js';
import type { ChangeCategory, ColumnChanges, ModifiedStep } from '../types/plan-diff.js';
import { columnsReordered, diffColumns } from './diff-columns.js';

/** A modified step before its downstream impact is known (diff-plans.ts fills `affectedDownstream`). */
export type StepModification = Omit<ModifiedStep, 'affectedDownstream'>;

const NO_COLUMNS: ColumnChanges = { added: [], removed: [], renamed: [], typeChanged: [], valuesChanged: [] };
/** Column names listed in one reason before `… and N more` (the full lists are in `columns`). */
const NAMES_IN_REASON = 8;

/**
 * Compares the same step id in two plans.
 * @returns undefined when the data and metadata fingerprints, the kind and the layer are all equal
 * (unchanged); otherwise the modification with `affectedDownstream` still to fill.
 */
export function classifyStepChange(old: PlanStep, next: PlanStep): StepModification | undefined {
  const f = old.fingerprint;
  const g = next.fingerprint;
  const dataChanged = f.data !== g.data;
  const metadataChanged = f.metadata !== g.metadata;
  const kindChanged = old.kind !== next.kind;
  const layerChanged = old.layer !== next.layer;
  if (!dataChanged && !metadataChanged && !kindChanged && !layerChanged) return undefined;

  const definitionChanged = f.definition !== g.definition;
  const breaking: string[] = [];
  const nonBreaking: string[] = [];
  let columns = NO_COLUMNS;
  if (kindChanged) breaking.push(`step kind changed: ${old.kind} -> ${next.kind}`);
  else if (old.kind === 'model' && next.kind === 'model') {
    columns = diffColumns(old, next);
    if (dataChanged) classifyModelData(old, next, columns, definitionChanged, breaking, nonBreaking);
  } else if (dataChanged) {
    breaking.push(definitionChanged ? 'source definition changed' : 'source output changed');
  }
  if (layerChanged) breaking.push(`layer changed: ${old.layer} -> ${next.layer}`);
  if (metadataChanged) nonBreaking.push(metadataReason(old, next));

  const category: ChangeCategory = breaking.length ? 'breaking' : 'non-breaking';
  return {
    id: next.id, kind: next.kind, pipeline: next.pipeline, layer: next.layer, change: 'modified',
    direct: definitionChanged || kindChanged || layerChanged || (metadataChanged && !dataChanged),
    dataChanged, category, reasons: [...breaking, ...nonBreaking], columns,
  };
}

/** Reasons for a model whose data fingerprint changed: schema, then rows, then values, then additions. */
function classifyModelData(
  old: ModelStep, next: ModelStep, c: ColumnChanges, definitionChanged: boolean, breaking: string[], nonBreaking: string[],
): void {
  if (c.removed.length) breaking.push(`${plural(c.removed.length, 'column')} removed: ${names(c.removed)}`);
  if (c.renamed.length) breaking.push(`${plural(c.renamed.length, 'column')} renamed: ${names(c.renamed.map((r) => `${r.from} -> ${r.to}`))}`);
  if (c.typeChanged.length) {
    breaking.push(`${plural(c.typeChanged.length, 'column type')} changed: ${names(c.typeChanged.map((t) => `${t.name} ${t.from} -> ${t.to}`))}`);
  }
  const rowsChanged = old.fingerprint.rows !== next.fingerprint.rows;
  if (rowsChanged) breaking.push(definitionChanged ? 'row logic changed' : 'upstream rows changed');
  if (c.valuesChanged.length) {
    const kept = next.columns.length - c.added.length - c.renamed.length - c.typeChanged.length;
    const which = c.valuesChanged.length === kept && kept > 1 ? `all ${kept} columns` : `${plural(c.valuesChanged.length, 'column')} ${names(c.valuesChanged)}`;
    breaking.push(`values can change in ${which}`);
  }
  if (c.added.length) nonBreaking.push(`${plural(c.added.length, 'column')} added: ${names(c.added)}`);
  if (columnsReordered(old, next)) nonBreaking.push('column order changed');
  if (!breaking.length && !nonBreaking.length) {
    nonBreaking.push(`${definitionChanged ? 'definition' : 'upstream'} changed without changing any column's values or the rows`);
  }
}

function metadataReason(old: PlanStep, next: PlanStep): string {
  if ((old.description ?? '') !== (next.description ?? '')) return 'description changed';
  return 'metadata changed (validation rule severities)';
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, NAMES_IN_REASON).join(', ');
  return list.length > NAMES_IN_REASON ? `${shown} … and ${list.length - NAMES_IN_REASON} more` : shown;
}


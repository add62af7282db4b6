// cli/commands: `lakec diff OLD.json NEW.json` — what changed between two plan files.
import { diffPlans, type PlanDiff } from '../../../compiler/index.js';
import { readPlanFile } from '../../plan-reader/read-plan.js';
import { colorFor } from '../ansi.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { renderDiffJson, renderDiffText } from '../render-diff.js';
import { renderDiffMarkdown } from '../render-diff-markdown.js';

/**
 * Exit code of `plan` and `diff` with `--detailed-exitcode` when changes are present (as Terraform's
 * `-detailed-exitcode`): 0 no changes, 1 error, 2 changes. Without the flag, success is always 0.
 */
export const EXIT_CHANGES = 2;

/** Arguments of `lakec diff`. */
export interface DiffArgs {
  /** Absolute paths of the two plan files. */
  readonly oldFile: string;
  readonly newFile: string;
  /** `text` (default; ANSI colours on a terminal), `json` (the PlanDiff, canonical) or `markdown` (a PR comment). */
  readonly format: 'text' | 'json' | 'markdown';
  /** Exit EXIT_CHANGES (2) when the plans differ. */
  readonly detailedExitcode: boolean;
}

/**
 * Reads both plans (schema- and version-checked), diffs them and prints the diff to stdout.
 * @returns EXIT.ok, or EXIT_CHANGES with `detailedExitcode` when anything changed.
 * @throws LakecError LK1006/LK5001/LK5002 from readPlanFile (main prints it, exit 1).
 */
export async function runDiffCommand(_opts: CommonOptions, args: DiffArgs, io: CliIo): Promise<number> {
  const [old, next] = await Promise.all([readPlanFile(args.oldFile), readPlanFile(args.newFile)]);
  const diff = diffPlans(old, next);
  io.stdout.write(args.format === 'json' ? renderDiffJson(diff)
    : args.format === 'markdown' ? renderDiffMarkdown(diff)
    : renderDiffText(diff, { color: colorFor(io.stdout, io.env) }));
  return diffExitCode(diff, args.detailedExitcode);
}

/** EXIT_CHANGES when `detailed` and the diff has changes, else EXIT.ok. */
export function diffExitCode(diff: PlanDiff, detailed: boolean): number {
  return detailed && diff.summary.hasChanges ? EXIT_CHANGES : EXIT.ok;
}

// Hostile-input corpus: the shape of one case and of the workspace it runs in.

/** What a case attacks; the runner's summary counts cases per category. */
export type HostileCategory =
  | 'yaml' | 'schema' | 'unknown-key' | 'sql' | 'cycle' | 'path-escape' | 'identifier'
  | 'xml-bomb' | 'xxe' | 'xml-depth' | 'utf8' | 'big-text' | 'gzip' | 'empty' | 'wrong-dump' | 'plan-file';

/**
 * Folders of one case, all inside `root` (a fresh temp folder): `project` (a copy of the example
 * project), `dumps` (the example Discogs dumps, gzipped), `lake` (a lake with one promoted run),
 * `outside` (holds `secret.txt`, a file no case may read or write through lakec) and `out` (where
 * `lakec plan` may write its plan).
 */
export interface CaseWorkspace {
  readonly root: string;
  readonly project: string;
  readonly dumps: string;
  readonly lake: string;
  readonly outside: string;
  readonly out: string;
}

/** The outcome a case must produce. */
export interface ExpectedOutcome {
  /** CLI exit code: 1 (diagnostics: spec, SQL, plan file) or 3 (the run failed). */
  readonly exit: 1 | 3;
  /** The diagnostic code that must be reported as an error. */
  readonly code: string;
  /**
   * Where the diagnostic must point, as the rendered `file:line:col` prefix: the file (project-relative
   * or as displayed) with exact line/column numbers where the case knows them, e.g. /^pipelines\.yaml:4:3$/.
   * Absent when the problem has no position (a missing or empty file, a corrupt gzip stream).
   */
  readonly at?: RegExp;
  /** Text the message (or its hint) must contain, e.g. a did-you-mean suggestion. */
  readonly mentions?: RegExp;
}

/** One hostile input: how to plant it in a copied project, and what lakec must answer. */
export interface HostileCase {
  /** Unique kebab-case id. */
  readonly id: string;
  readonly category: HostileCategory;
  /** The `lakec` command to run; the runner adds --project, --lake, --var and (plan) --out. */
  readonly command: 'plan' | 'apply';
  /** Plants the hostile input into `ws` (may be async to stream large files). */
  readonly setup: (ws: CaseWorkspace) => void | Promise<void>;
  readonly expect: ExpectedOutcome;
  /**
   * Also run by `npm test` (the quick slice: at least one case per category, every case guarding a
   * fix). The full corpus (`npm run test:hostile`) runs every case.
   */
  readonly quick?: boolean;
}

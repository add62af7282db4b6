// ingest/xml: parses the path strings of an XmlMapping (see compiler/types/xml-mapping.ts).

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;

/** A parsed column path: element steps from the context element, then an optional attribute. */
export interface ColumnPath {
  /** Child element names, outermost first; empty for `.` and `@attr`. */
  readonly steps: readonly string[];
  /** Attribute name for `@attr` / `a/@attr`; absent when the value is element text. */
  readonly attr?: string;
}

/**
 * Parses a column path: `.`, `@attr`, `name`, `a/b`, `a/@attr`.
 * @returns undefined when the path is not of that form.
 */
export function parseColumnPath(path: string): ColumnPath | undefined {
  if (path === '.') return { steps: [] };
  const parts = path.split('/');
  const last = parts[parts.length - 1] ?? '';
  const attr = last.startsWith('@') ? last.slice(1) : undefined;
  const steps = attr === undefined ? parts : parts.slice(0, -1);
  if (attr !== undefined && !NAME.test(attr)) return undefined;
  if (!steps.every((s) => NAME.test(s))) return undefined;
  return attr === undefined ? { steps } : { steps, attr };
}

/**
 * Parses a child table path `a/b/c` (at least one step, element names only).
 * @returns undefined when the path is not of that form.
 */
export function parseChildPath(path: string): readonly string[] | undefined {
  const steps = path.split('/');
  return steps.every((s) => NAME.test(s)) ? steps : undefined;
}

// Runs the lineage corpus (test/lineage-corpus/<suite>/{schema.json,queries,expected}) through
// lakec's lineage and compares DIRECT sources per output column with the independently written
// expectations. Used by the corpus test and by `npm run lineage:report`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineageOfSql, type SchemaJson } from '../../compiler/index.js';

/** One compared output column. */
export interface ColumnOutcome {
  readonly suite: string;
  readonly query: string;
  readonly column: string;
  readonly expected: readonly string[];
  readonly got: readonly string[] | null;
  readonly match: boolean;
}

/** Every output column of every query of every suite under `root`, in suite/query/column order. */
export async function runCorpus(root: string): Promise<ColumnOutcome[]> {
  const out: ColumnOutcome[] = [];
  for (const suite of readdirSync(root).filter((d) => existsSync(join(root, d, 'schema.json'))).sort()) {
    const schema = JSON.parse(readFileSync(join(root, suite, 'schema.json'), 'utf8')) as SchemaJson;
    const queries = readdirSync(join(root, suite, 'queries')).filter((f) => f.endsWith('.sql')).sort();
    for (const file of queries) {
      const query = file.slice(0, -4);
      const expectedPath = join(root, suite, 'expected', `${query}.json`);
      if (!existsSync(expectedPath)) continue;
      const expected = (JSON.parse(readFileSync(expectedPath, 'utf8')) as { columns: { name: string; sources: string[] }[] }).columns;
      const { lineage } = await lineageOfSql(readFileSync(join(root, suite, 'queries', file), 'utf8'), schema, `${suite}/${file}`);
      expected.forEach((col, i) => {
        const got = lineage?.columns[i] ? [...lineage.columns[i]!.sources] : null;
        const want = [...col.sources].sort();
        out.push({ suite, query, column: col.name, expected: want, got, match: got !== null && got.join('\n') === want.join('\n') });
      });
    }
  }
  return out;
}

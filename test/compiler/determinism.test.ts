// Plans are a pure function of the project: same inputs -> same bytes, whatever the YAML key order,
// SQL whitespace, comments or keyword case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProject, emitPlan, canonicalJson } from '../../compiler/index.js';
import { topoOrder } from '../../compiler/bind/topo-order.js';
import { findCycle } from '../../compiler/bind/find-cycle.js';
import { manifest, smallProject } from '../support/temp-project.js';

const MODELS = {
  'silver/item_names.sql': 'select item_id, upper(name) as name from items where item_id > 0\n',
  'silver/tag_counts.sql': 'select tag, count(*) as n from item_tags group by tag\n',
  'gold/item_report.sql': 'with t as (select item_id, count(*) as tags from item_tags group by all)\nselect n.item_id, n.name, coalesce(t.tags, 0) as tags\nfrom item_names n left join t using (item_id)\n',
};

async function planBytes(models: Record<string, string>, manifestText = manifest()): Promise<string> {
  const r = await compileProject({ projectDir: smallProject(models, manifestText), env: {} });
  expect(r.diagnostics).toEqual([]);
  return emitPlan(r.plan!);
}

describe('plan determinism', () => {
  it('compiling twice gives byte-identical plans with no absolute paths', async () => {
    const a = await planBytes(MODELS);
    const b = await planBytes(MODELS);
    expect(a).toBe(b);
    expect(a).not.toMatch(/\/tmp\/|lakec-test-/);
    expect(a.endsWith('\n')).toBe(true);
  });

  it('whitespace, comments and keyword case do not change any fingerprint', async () => {
    const base = await planBytes(MODELS);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('\n', '  ', '\t', '\n\n  '), fc.boolean(), fc.boolean(), async (ws, upper, comment) => {
        const edit = (sql: string) => {
          let s = sql.replace(/ /g, ws);
          if (upper) s = s.replace(/\b(select|from|where|group by|left join|with|as|using)\b/g, (k) => k.toUpperCase());
          if (comment) s = `-- a comment\n/* block */ ${s}`;
          return s;
        };
        const edited = Object.fromEntries(Object.entries(MODELS).map(([k, v]) => [k, edit(v)]));
        const plan = JSON.parse(await planBytes(edited)) as { steps: { id: string; fingerprint: { data: string } }[] };
        const basePlan = JSON.parse(base) as typeof plan;
        expect(plan.steps.map((s) => [s.id, s.fingerprint.data])).toEqual(basePlan.steps.map((s) => [s.id, s.fingerprint.data]));
      }),
      { numRuns: 6, seed: 42 },
    );
  });

  it('a semantic edit changes the fingerprint of that model and of its downstream only', async () => {
    const base = JSON.parse(await planBytes(MODELS)) as { steps: { id: string; fingerprint: { data: string } }[] };
    const edited = JSON.parse(await planBytes({ ...MODELS, 'silver/item_names.sql': 'select item_id, lower(name) as name from items where item_id > 0\n' })) as typeof base;
    const changed = edited.steps.filter((s, i) => s.fingerprint.data !== base.steps[i]!.fingerprint.data).map((s) => s.id).sort();
    expect(changed).toEqual(['shop.item_names', 'shop.item_report']);
  });

  it('a description edit changes only the metadata fingerprint', async () => {
    const base = JSON.parse(await planBytes(MODELS)) as { steps: { id: string; fingerprint: { data: string; metadata: string } }[] };
    const edited = JSON.parse(await planBytes({ ...MODELS, 'gold/item_report.sql': '-- lakec: description=Items with tag counts\n' + MODELS['gold/item_report.sql'] })) as typeof base;
    const before = base.steps.find((s) => s.id === 'shop.item_report')!.fingerprint;
    const after = edited.steps.find((s) => s.id === 'shop.item_report')!.fingerprint;
    expect(after.data).toBe(before.data);
    expect(after.metadata).not.toBe(before.metadata);
  });

  it('YAML key order in the manifest does not change the plan', async () => {
    const base = await planBytes(MODELS);
    const reordered = manifest().replace(
      '        type: xml\n        location: ${var.dump_dir}\n        pattern: items*.xml*\n        mapping: items.mapping.yaml\n',
      '        mapping: items.mapping.yaml\n        pattern: items*.xml*\n        location: ${var.dump_dir}\n        type: xml\n',
    ).replace('lakec: 1\nproject: test_project\n', 'project: test_project\nlakec: 1\n');
    expect(reordered).not.toBe(manifest());
    expect(await planBytes(MODELS, reordered)).toBe(base);
  });
});

describe('graph algorithms', () => {
  const dagArb = fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }).map((edges) => {
      const deps = new Map<string, string[]>();
      for (let i = 0; i < n; i++) deps.set(`n${String(i).padStart(2, '0')}`, []);
      for (const [a, b] of edges) if (a > b) deps.get(`n${String(a).padStart(2, '0')}`)!.push(`n${String(b).padStart(2, '0')}`);
      return deps;
    }),
  );

  it('topoOrder puts every dependency first, and is independent of map insertion order', () => {
    fc.assert(
      fc.property(dagArb, (deps) => {
        const order = topoOrder(deps)!;
        const index = new Map(order.map((n, i) => [n, i]));
        for (const [n, ds] of deps) for (const d of ds) expect(index.get(d)!).toBeLessThan(index.get(n)!);
        const reversed = new Map([...deps.entries()].reverse());
        expect(topoOrder(reversed)).toEqual(order);
        expect(findCycle(deps)).toBeUndefined();
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('findCycle returns a real cycle whenever topoOrder fails', () => {
    fc.assert(
      fc.property(dagArb, fc.nat(29), fc.nat(29), (deps, a, b) => {
        const keys = [...deps.keys()];
        const from = keys[a % keys.length]!;
        const to = keys[b % keys.length]!;
        deps.get(to)!.push(from); // may close a cycle
        const cycle = findCycle(deps);
        expect(cycle === undefined).toBe(topoOrder(deps) !== undefined);
        if (cycle) {
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i++) expect(deps.get(cycle[i]!)).toContain(cycle[i + 1]);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('canonicalJson is invariant under key order and round-trips', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        const shuffled = JSON.parse(JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x)));
        expect(canonicalJson(shuffled)).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

// Incremental apply on the Discogs example over the real samples: after each edit, exactly the datasets
// whose data can have changed are rebuilt; everything else is hard-linked from the active run, the
// sources are not read again, and every run folder stays complete.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject, renderDiagnosticsText } from '../../compiler/index.js';
import { applyPlan, type ApplyResult } from '../../runtime/index.js';
import { copyProject, copySamples } from '../support/project-copy.js';

describe('incremental apply (Discogs example, real samples)', () => {
  const project = copyProject();
  const dumps = copySamples();
  const lake = join(mkdtempSync(join(tmpdir(), 'lakec-incr-')), 'lake');
  const models = join(project, 'specs/discogs/models');

  async function apply(): Promise<ApplyResult> {
    const compiled = await compileProject({ projectDir: project, vars: { discogs_dump_dir: dumps }, env: {} });
    expect(renderDiagnosticsText(compiled.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
    return applyPlan({ plan: compiled.plan!, projectDir: project, lakeDir: lake });
  }
  const built = (r: ApplyResult): string[] => r.manifest.datasets.filter((d) => d.build === 'built').map((d) => d.name).sort();
  const edit = (file: string, from: string | RegExp, to: string): void => {
    const path = join(models, file);
    const text = readFileSync(path, 'utf8');
    const next = text.replace(from, to);
    expect(next).not.toBe(text);
    writeFileSync(path, next);
  };
  const results: ApplyResult[] = [];

  it('builds everything on the first apply, then makes no run when nothing changed', async () => {
    const first = await apply();
    expect(first.status).toBe('succeeded');
    expect(first.manifest.datasets.length).toBe(81);
    expect(built(first).length).toBe(81);
    expect(first.manifest.inputs.every((i) => i.mtimeMs !== undefined)).toBe(true);
    results.push(first);
    const again = await apply();
    expect(again).toMatchObject({ status: 'unchanged', promoted: false, runId: first.runId });
  });

  it('a description edit rebuilds nothing and reads no source', async () => {
    edit('gold/release_facts.sql', '-- lakec: description=One row per release:', '-- lakec: description=Per release:');
    const r = await apply();
    expect(r.status).toBe('succeeded');
    expect(built(r)).toEqual([]);
    expect(r.manifest.steps.every((s) => s.status === 'reused')).toBe(true);
    expect(r.manifest.datasets.every((d) => d.from === results[0]!.runId)).toBe(true);
    // Hard links: the new run's files are the first run's inodes.
    const d = r.manifest.datasets.find((x) => x.name === 'release_facts')!;
    expect(statSync(join(r.runDir, d.files[0]!.path)).ino).toBe(statSync(join(results[0]!.runDir, d.files[0]!.path)).ino);
    results.push(r);
  });

  it('adding a column to a silver model rebuilds it alone: no downstream model reads the new column', async () => {
    edit('silver/releases_clean.sql', '  coalesce(f.media_count, 0) AS media_count\n', '  coalesce(f.media_count, 0) AS media_count,\n  length(r.title) AS title_length\n');
    const r = await apply();
    expect(built(r)).toEqual(['releases_clean']);
    const rc = r.manifest.datasets.find((x) => x.name === 'release_facts')!;
    expect(rc).toMatchObject({ build: 'reused', from: results[0]!.runId });
    // Incremental validation: only the rules reading the rebuilt dataset are evaluated again; the others
    // keep the result of the run that evaluated them.
    const rules = r.manifest.validation!.results;
    const evaluated = rules.filter((x) => x.reusedFrom === undefined).map((x) => x.id);
    expect(evaluated.sort()).toEqual(['releases_clean_id_unique', 'releases_year_known']);
    expect(rules.find((x) => x.id === 'artists_id_unique')).toMatchObject({ ok: true, reusedFrom: results[0]!.runId });
    expect(rules.every((x) => typeof x.fingerprint === 'string' && x.fingerprint.length === 64)).toBe(true);
    results.push(r);
  });

  it('removing a column read downstream rebuilds the model and its readers', async () => {
    edit('silver/releases_clean.sql', '  coalesce(t.untimed_track_count, 0) AS untimed_track_count,\n', '');
    edit('gold/release_facts.sql', '  r.untimed_track_count,\n', '');
    const r = await apply();
    expect(r.status).toBe('succeeded');
    // The removed column was the only one whose lineage held the FILTER edges of its aggregate's
    // FILTER (WHERE …) clause. Fingerprints treat FILTER edges as row-deciding, so the model's rows
    // fingerprint changes and every reader rebuilds: conservative, never a stale reuse.
    expect(built(r)).toEqual(['artist_release_counts', 'genre_release_counts', 'label_release_counts', 'release_facts', 'releases_clean']);
    results.push(r);
  });

  it("changing a column's expression rebuilds exactly the models that read that column", async () => {
    // release_facts reads r.title; artist/genre/label_release_counts do not.
    edit('silver/releases_clean.sql', "nullif(regexp_replace(r.title, '^\\s+|\\s+$', '', 'g'), '') AS title", "nullif(trim(r.title), '') AS title");
    const r = await apply();
    expect(built(r)).toEqual(['release_facts', 'releases_clean']);
    for (const name of ['artist_release_counts', 'genre_release_counts', 'label_release_counts']) {
      expect(r.manifest.datasets.find((x) => x.name === name)).toMatchObject({ build: 'reused' });
    }
    results.push(r);
  });

  it('a source file rewritten with the same bytes is read again, found identical, and nothing downstream rebuilds', async () => {
    const file = join(dumps, 'discogs_20200806_labels.xml.gz');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file));
    expect(statSync(file).mtimeMs).not.toBe(before.mtimeMs);
    // Same bytes, new mtime: read and hashed again, found identical, so nothing downstream rebuilds.
    const same = await apply();
    expect(same.manifest.steps.find((s) => s.id === 'discogs.labels')!.status).toBe('succeeded');
    expect(built(same).every((n) => n.startsWith('label'))).toBe(true);
    expect(built(same)).not.toContain('label_release_counts');
  });

  it('every run folder is complete: each manifest file exists with its recorded size', () => {
    for (const r of results) {
      for (const d of r.manifest.datasets) for (const f of d.files) expect(statSync(join(r.runDir, f.path)).size).toBe(f.size);
    }
  });
});

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleResult } from '../../compiler/types/validation.js';
import { InternalError } from '../../compiler/diagnostics/diagnostic.js';
import { blockingFailures, writeSanityReport } from '../../runtime/validate/sanity-report.js';
import { ruleDiagnostics } from '../../runtime/validate/rule-diagnostics.js';

const RESULTS: RuleResult[] = [
  {
    id: 'releases_pk', kind: 'unique', dataset: 'releases', severity: 'error', check: 'unique(releases.release_id)',
    value: 0, ok: true, details: 'no duplicate release_id among 1000 rows',
  },
  {
    id: 'labels_fmt', kind: 'accepted_values', dataset: 'labels', severity: 'warn', check: 'accepted_values(labels.name)',
    value: 2, ok: false, details: 'has "quotes", commas\nand a second line',
  },
  {
    id: 'masters_fk', kind: 'relationship', dataset: 'releases', severity: 'error',
    check: 'relationship(releases.master_id -> masters.master_id)', value: 0, ok: false,
    details: 'could not evaluate: Binder Error: no "master_id"', error: 'Binder Error: no "master_id"\nLINE 1: …',
  },
  {
    id: 'rows', kind: 'row_count_min', dataset: 'artists', severity: 'info', check: 'row_count_min(artists) >= 1',
    value: 0, ok: false, details: '0 rows, fewer than the minimum of 1',
  },
];

const EXPECTED_CSV = [
  'check,severity,value,ok,details,id,dataset,kind,error\r\n',
  'unique(releases.release_id),error,0,true,no duplicate release_id among 1000 rows,releases_pk,releases,unique,\r\n',
  'accepted_values(labels.name),warn,2,false,"has ""quotes"", commas\nand a second line",labels_fmt,labels,accepted_values,\r\n',
  'relationship(releases.master_id -> masters.master_id),error,0,false,"could not evaluate: Binder Error: no ""master_id""",' +
    'masters_fk,releases,relationship,"Binder Error: no ""master_id""\nLINE 1: …"\r\n',
  'row_count_min(artists) >= 1,info,0,false,"0 rows, fewer than the minimum of 1",rows,artists,row_count_min,\r\n',
].join('');

const EXPECTED_JSON = `{
  "checks": [
    {
      "id": "releases_pk",
      "kind": "unique",
      "dataset": "releases",
      "severity": "error",
      "check": "unique(releases.release_id)",
      "value": 0,
      "ok": true,
      "details": "no duplicate release_id among 1000 rows"
    },
    {
      "id": "labels_fmt",
      "kind": "accepted_values",
      "dataset": "labels",
      "severity": "warn",
      "check": "accepted_values(labels.name)",
      "value": 2,
      "ok": false,
      "details": "has \\"quotes\\", commas\\nand a second line"
    },
    {
      "id": "masters_fk",
      "kind": "relationship",
      "dataset": "releases",
      "severity": "error",
      "check": "relationship(releases.master_id -> masters.master_id)",
      "value": 0,
      "ok": false,
      "details": "could not evaluate: Binder Error: no \\"master_id\\"",
      "error": "Binder Error: no \\"master_id\\"\\nLINE 1: …"
    },
    {
      "id": "rows",
      "kind": "row_count_min",
      "dataset": "artists",
      "severity": "info",
      "check": "row_count_min(artists) >= 1",
      "value": 0,
      "ok": false,
      "details": "0 rows, fewer than the minimum of 1"
    }
  ],
  "summary": {
    "errors_failed": 1,
    "warnings_failed": 1,
    "info_failed": 1,
    "passed": 1,
    "rows_written": 5400,
    "xml_records": 1200
  }
}
`;

describe('writeSanityReport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lakec-sanity-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes the exact CSV and JSON, creating the directory, with no temp files left', async () => {
    const out = join(dir, 'reports', 'run-1');
    const paths = await writeSanityReport(out, RESULTS, { xml_records: 1200, rows_written: 5400 });
    expect(paths).toEqual({ csvPath: join(out, 'sanity_report.csv'), jsonPath: join(out, 'sanity_report.json') });
    expect(await readFile(paths.csvPath, 'utf8')).toBe(EXPECTED_CSV);
    expect(await readFile(paths.jsonPath, 'utf8')).toBe(EXPECTED_JSON);
    expect((await readdir(out)).sort()).toEqual(['sanity_report.csv', 'sanity_report.json']);
  });

  it('replaces an existing report whole', async () => {
    await writeFile(join(dir, 'sanity_report.json'), 'old and much longer content '.repeat(100));
    await writeSanityReport(dir, []);
    expect(await readFile(join(dir, 'sanity_report.json'), 'utf8')).toBe(
      '{\n  "checks": [],\n  "summary": {\n    "errors_failed": 0,\n    "warnings_failed": 0,\n' +
        '    "info_failed": 0,\n    "passed": 0\n  }\n}\n',
    );
    expect(await readFile(join(dir, 'sanity_report.csv'), 'utf8')).toBe('check,severity,value,ok,details,id,dataset,kind,error\r\n');
  });

  it('fails without leaving files when the directory is unusable', async () => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    await expect(writeSanityReport(blocker, RESULTS)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['not-a-dir']);
  });

  it('refuses extra summary entries that would overwrite a count', async () => {
    await expect(writeSanityReport(dir, RESULTS, { passed: 99 })).rejects.toBeInstanceOf(InternalError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('blockingFailures', () => {
  it('returns error-severity results that are not ok, unevaluable ones included, in order', () => {
    expect(blockingFailures(RESULTS).map((r) => r.id)).toEqual(['masters_fk']);
  });
});

describe('ruleDiagnostics', () => {
  it('codes failures LK6301 and unevaluable rules LK6302, mapping warn to warning, on one line each', () => {
    expect(ruleDiagnostics(RESULTS)).toEqual([
      {
        code: 'LK6301', severity: 'warning',
        message: 'rule "labels_fmt" failed: accepted_values(labels.name): has "quotes", commas and a second line',
      },
      {
        code: 'LK6302', severity: 'error',
        message: 'rule "masters_fk" could not be evaluated: relationship(releases.master_id -> masters.master_id): Binder Error: no "master_id"',
      },
      { code: 'LK6301', severity: 'info', message: 'rule "rows" failed: row_count_min(artists) >= 1: 0 rows, fewer than the minimum of 1' },
    ]);
  });
});

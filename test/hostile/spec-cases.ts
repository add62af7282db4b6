// Hostile-input corpus, compile side: broken YAML, schema violations, unknown keys, SQL errors, cycles,
// paths escaping the project, and identifiers with quotes, semicolons or look-alike letters. Each runs
// `lakec apply` (compile, then refuse before any run starts) or `lakec plan`.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/paths.js';
import type { HostileCase } from './hostile-case.js';
import { columnOf, editProjectFile, lineOf, replaceInProjectFile } from './hostile-inputs.js';

const PIPELINES = readFileSync(join(REPO, 'pipelines.yaml'), 'utf8');
const LABELS_MAPPING_LINE = '        mapping: specs/discogs/mappings/labels.yaml';
const TABLES_LINE = '        tables: specs/chinook/tables.yaml';
const MODELS_LINE = '    models: specs/discogs/models';
const GOLD = 'specs/discogs/models/gold';
/** Line of the labels source's `mapping:` in the example manifest. */
const MAPPING_AT = lineOf(PIPELINES, LABELS_MAPPING_LINE);
/** Line of the discogs pipeline's `models:`, where diagnostics about model files without a position point. */
const MODELS_AT = lineOf(PIPELINES, MODELS_LINE);

/** Writes a new model file into the discogs gold layer. */
const model = (name: string, sql: string) => (ws: { project: string }) => writeFileSync(join(ws.project, GOLD, name), sql);

export const SPEC_CASES: readonly HostileCase[] = [
  // --- YAML -------------------------------------------------------------------------------------------
  {
    id: 'yaml-unclosed-flow-mapping', category: 'yaml', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', 'discogs-dumps: { max_concurrent: 2 }', 'discogs-dumps: { max_concurrent: 2'),
    expect: { exit: 1, code: 'LK1001', at: /^pipelines\.yaml:\d+:\d+$/ },
  },
  {
    id: 'yaml-bad-indentation', category: 'yaml', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', LABELS_MAPPING_LINE, `   ${LABELS_MAPPING_LINE.trim()}`),
    expect: { exit: 1, code: 'LK1001', at: new RegExp(`^pipelines\\.yaml:${MAPPING_AT}:\\d+$`) },
  },
  {
    id: 'yaml-alias-bomb', category: 'yaml', command: 'apply', quick: true,
    setup: (ws) => editProjectFile(ws, 'pipelines.yaml', (t) => {
      let bomb = 'x-laughs:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
      for (let i = 1; i <= 9; i++) bomb += `  l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
      return bomb + t;
    }),
    // The first alias, `*l0` on line 3.
    expect: { exit: 1, code: 'LK1001', at: /^pipelines\.yaml:3:12$/ },
  },
  {
    id: 'yaml-duplicate-key', category: 'yaml', command: 'apply', quick: true,
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', LABELS_MAPPING_LINE, `${LABELS_MAPPING_LINE}\n${LABELS_MAPPING_LINE}`),
    expect: { exit: 1, code: 'LK1001', at: new RegExp(`^pipelines\\.yaml:${MAPPING_AT + 1}:9$`) },
  },
  {
    id: 'yaml-invalid-utf8-manifest', category: 'yaml', command: 'apply', quick: true,
    setup: (ws) => {
      const file = join(ws.project, 'pipelines.yaml');
      writeFileSync(file, Buffer.concat([Buffer.from('lakec: 1\nproject: caf'), Buffer.from([0xc3, 0x28]), readFileSync(file).subarray(Buffer.byteLength('lakec: 1\nproject: lakec_examples'))]));
    },
    expect: { exit: 1, code: 'LK1001', at: /^pipelines\.yaml:2:13$/ },
  },
  {
    id: 'yaml-broken-mapping-file', category: 'yaml', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'specs/discogs/mappings/labels.yaml', 'root: labels', 'root: [labels'),
    expect: { exit: 1, code: 'LK1001', at: /^specs\/discogs\/mappings\/labels\.yaml:\d+:\d+$/ },
  },
  {
    id: 'empty-manifest', category: 'empty', command: 'apply', quick: true,
    setup: (ws) => writeFileSync(join(ws.project, 'pipelines.yaml'), ''),
    expect: { exit: 1, code: 'LK1002', at: /^pipelines\.yaml:1:1$/ },
  },
  {
    id: 'empty-mapping-file', category: 'empty', command: 'apply',
    setup: (ws) => writeFileSync(join(ws.project, 'specs/discogs/mappings/labels.yaml'), ''),
    expect: { exit: 1, code: 'LK1002', at: /^specs\/discogs\/mappings\/labels\.yaml:1:1$/ },
  },
  {
    id: 'empty-tables-file', category: 'empty', command: 'apply',
    setup: (ws) => writeFileSync(join(ws.project, 'specs/chinook/tables.yaml'), ''),
    expect: { exit: 1, code: 'LK1002', at: /^specs\/chinook\/tables\.yaml:1:1$/ },
  },
  {
    id: 'empty-model-file', category: 'empty', command: 'apply',
    setup: model('empty_model.sql', ''),
    expect: { exit: 1, code: 'LK2002', at: new RegExp(`^${GOLD}/empty_model\\.sql:1:1$`) },
  },
  // --- schema violations ----------------------------------------------------------------------------------
  {
    id: 'schema-wrong-type', category: 'schema', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', 'discogs-dumps: { max_concurrent: 2 }', 'discogs-dumps: { max_concurrent: two }'),
    expect: { exit: 1, code: 'LK1002', at: new RegExp(`^pipelines\\.yaml:${lineOf(PIPELINES, 'discogs-dumps: { max_concurrent: 2 }')}:\\d+$`) },
  },
  {
    id: 'schema-pipelines-is-a-list', category: 'schema', command: 'apply',
    setup: (ws) => writeFileSync(join(ws.project, 'pipelines.yaml'), 'lakec: 1\nproject: p\nvars:\n  discogs_dump_dir: d\npipelines:\n  - discogs\n'),
    expect: { exit: 1, code: 'LK1002', at: /^pipelines\.yaml:6:3$/ },
  },
  {
    id: 'schema-manifest-is-a-list', category: 'schema', command: 'apply', quick: true,
    setup: (ws) => writeFileSync(join(ws.project, 'pipelines.yaml'), '- lakec: 1\n- project: p\n'),
    expect: { exit: 1, code: 'LK1002', at: /^pipelines\.yaml:1:1$/ },
  },
  {
    id: 'schema-mapping-table-name-escapes', category: 'path-escape', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'specs/discogs/mappings/labels.yaml', 'table: labels', 'table: ../../outside/pwned'),
    expect: { exit: 1, code: 'LK1002', at: /^specs\/discogs\/mappings\/labels\.yaml:\d+:8$/ },
  },
  {
    id: 'schema-mapping-type-injection', category: 'identifier', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'specs/discogs/mappings/labels.yaml', 'path: id, type: BIGINT', 'path: id, type: "BIGINT); COPY (SELECT 1) TO \'../outside/x\'; --"'),
    expect: { exit: 1, code: 'LK1002', at: /^specs\/discogs\/mappings\/labels\.yaml:\d+:\d+$/ },
  },
  {
    id: 'schema-tables-type-injection', category: 'identifier', command: 'apply', quick: true,
    setup: (ws) => replaceInProjectFile(ws, 'specs/chinook/tables.yaml', 'columns: { artist_id: INTEGER, name: VARCHAR }', 'columns: { artist_id: "INTEGER); COPY (SELECT 1) TO \'../outside/x\'; --", name: VARCHAR }'),
    expect: { exit: 1, code: 'LK1002', at: /^specs\/chinook\/tables\.yaml:\d+:\d+$/ },
  },
  // --- unknown keys ---------------------------------------------------------------------------------------
  {
    id: 'unknown-key-source', category: 'unknown-key', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', LABELS_MAPPING_LINE, LABELS_MAPPING_LINE.replace('mapping:', 'maping:')),
    expect: { exit: 1, code: 'LK1003', at: new RegExp(`^pipelines\\.yaml:${MAPPING_AT}:9$`), mentions: /did you mean "mapping"\?/ },
  },
  {
    id: 'unknown-key-top-level', category: 'unknown-key', command: 'apply', quick: true,
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', 'vars:\n', 'varz:\n'),
    expect: { exit: 1, code: 'LK1003', at: new RegExp(`^pipelines\\.yaml:${lineOf(PIPELINES, 'vars:\n')}:1$`), mentions: /did you mean "vars"\?/ },
  },
  {
    id: 'unknown-key-mapping-column', category: 'unknown-key', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'specs/discogs/mappings/labels.yaml', 'path: id, type: BIGINT', 'path: id, typ: BIGINT'),
    expect: { exit: 1, code: 'LK1003', at: /^specs\/discogs\/mappings\/labels\.yaml:\d+:\d+$/, mentions: /did you mean "type"\?/ },
  },
  // --- SQL ------------------------------------------------------------------------------------------------
  {
    id: 'sql-syntax-error', category: 'sql', command: 'apply',
    setup: model('broken.sql', '-- lakec: description=broken\nSELECT label_id,\n  FROM FROM labels\n'),
    expect: { exit: 1, code: 'LK2001', at: new RegExp(`^${GOLD}/broken\\.sql:3:\\d+$`) },
  },
  {
    id: 'sql-unterminated-string', category: 'sql', command: 'apply',
    setup: model('broken.sql', "SELECT 'never closed FROM labels\n"),
    expect: { exit: 1, code: 'LK2001', at: new RegExp(`^${GOLD}/broken\\.sql:1:\\d+$`) },
  },
  {
    id: 'sql-stacked-statements', category: 'sql', command: 'apply', quick: true,
    setup: model('stacked.sql', "SELECT label_id FROM labels;\nCOPY labels TO '../../outside/stolen.csv';\n"),
    // DuckDB gives no position for the statement it refuses: the model's first statement is shown.
    expect: { exit: 1, code: 'LK2002', at: new RegExp(`^${GOLD}/stacked\\.sql:1:1$`), mentions: /holds a statement that is not a SELECT/ },
  },
  {
    id: 'sql-not-a-query', category: 'sql', command: 'apply',
    setup: model('drop.sql', 'DROP TABLE labels\n'),
    expect: { exit: 1, code: 'LK2002', at: new RegExp(`^${GOLD}/drop\\.sql:1:1$`), mentions: /holds a statement that is not a SELECT/ },
  },
  {
    id: 'sql-invalid-utf8', category: 'utf8', command: 'apply', quick: true,
    setup: (ws) => writeFileSync(join(ws.project, GOLD, 'bad_bytes.sql'), Buffer.concat([Buffer.from("SELECT 'caf"), Buffer.from([0xe9]), Buffer.from("' AS x FROM labels\n")])),
    expect: { exit: 1, code: 'LK2001', at: new RegExp(`^${GOLD}/bad_bytes\\.sql:1:12$`) },
  },
  // --- cycles ---------------------------------------------------------------------------------------------
  {
    id: 'cycle-two-models', category: 'cycle', command: 'apply',
    setup: (ws) => {
      model('ping.sql', 'SELECT * FROM pong\n')(ws);
      model('pong.sql', 'SELECT * FROM ping\n')(ws);
    },
    // The diagnostic points at the model; a note per edge points at the reference that closes the cycle.
    expect: { exit: 1, code: 'LK3002', at: new RegExp(`^${GOLD}/ping\\.sql:1:1$`), mentions: /note: specs\/discogs\/models\/gold\/ping\.sql:1:15: "discogs\.ping" reads "discogs\.pong"/ },
  },
  {
    id: 'cycle-self-reference', category: 'cycle', command: 'apply', quick: true,
    setup: model('ouroboros.sql', 'SELECT * FROM ouroboros\n'),
    expect: { exit: 1, code: 'LK3002', at: new RegExp(`^${GOLD}/ouroboros\\.sql:1:1$`), mentions: /note: specs\/discogs\/models\/gold\/ouroboros\.sql:1:15: "discogs\.ouroboros" reads "discogs\.ouroboros"/ },
  },
  {
    id: 'cycle-through-existing-model', category: 'cycle', command: 'apply',
    setup: (ws) => editProjectFile(ws, 'specs/discogs/models/silver/releases_clean.sql', (t) => t.replace('FROM release_tracks_clean', 'FROM release_tracks_clean JOIN release_facts USING (release_id)')),
    expect: { exit: 1, code: 'LK3002', at: /^specs\/discogs\/models\/silver\/releases_clean\.sql:6:1$/, mentions: /dependency cycle: discogs\.releases_clean -> discogs\.release_facts -> /},
  },
  // --- paths escaping the project -------------------------------------------------------------------------
  {
    id: 'path-mapping-dotdot', category: 'path-escape', command: 'apply', quick: true,
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', LABELS_MAPPING_LINE, '        mapping: ../outside/secret.txt'),
    expect: { exit: 1, code: 'LK1009', at: new RegExp(`^pipelines\\.yaml:${MAPPING_AT}:18$`) },
  },
  {
    id: 'path-mapping-absolute', category: 'path-escape', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', LABELS_MAPPING_LINE, `        mapping: ${join(ws.outside, 'secret.txt')}`),
    expect: { exit: 1, code: 'LK1009', at: new RegExp(`^pipelines\\.yaml:${MAPPING_AT}:18$`) },
  },
  {
    id: 'path-tables-symlink-outside', category: 'path-escape', command: 'apply',
    setup: (ws) => {
      rmSync(join(ws.project, 'specs/chinook/tables.yaml'));
      symlinkSync(join(ws.outside, 'secret.txt'), join(ws.project, 'specs/chinook/tables.yaml'));
    },
    expect: { exit: 1, code: 'LK1009', at: new RegExp(`^pipelines\\.yaml:${lineOf(PIPELINES, TABLES_LINE)}:17$`) },
  },
  {
    id: 'path-models-dotdot', category: 'path-escape', command: 'apply',
    setup: (ws) => {
      mkdirSync(join(ws.outside, 'models', 'gold'), { recursive: true });
      writeFileSync(join(ws.outside, 'models', 'gold', 'evil.sql'), 'SELECT 1 AS x\n');
      replaceInProjectFile(ws, 'pipelines.yaml', MODELS_LINE, '    models: ../outside/models');
    },
    expect: { exit: 1, code: 'LK1009', at: new RegExp(`^pipelines\\.yaml:${MODELS_AT}:13$`) },
  },
  {
    id: 'path-model-symlink-outside', category: 'path-escape', command: 'apply', quick: true,
    setup: (ws) => {
      writeFileSync(join(ws.outside, 'evil.sql'), 'SELECT 1 AS x\n');
      symlinkSync(join(ws.outside, 'evil.sql'), join(ws.project, GOLD, 'evil.sql'));
    },
    expect: { exit: 1, code: 'LK1009', at: new RegExp(`^pipelines\\.yaml:${MODELS_AT}:13$`), mentions: /models\/gold\/evil\.sql" is a symlink out of the project/ },
  },
  {
    id: 'path-models-layer-symlink-outside', category: 'path-escape', command: 'apply',
    setup: (ws) => {
      mkdirSync(join(ws.outside, 'platinum'));
      writeFileSync(join(ws.outside, 'platinum', 'evil.sql'), 'SELECT 1 AS x\n');
      symlinkSync(join(ws.outside, 'platinum'), join(ws.project, 'specs/discogs/models/platinum'));
    },
    expect: { exit: 1, code: 'LK1009', at: new RegExp(`^pipelines\\.yaml:${MODELS_AT}:13$`), mentions: /models\/platinum" is a symlink out of the project/ },
  },
  {
    id: 'path-table-from-dotdot', category: 'path-escape', command: 'apply', quick: true,
    setup: (ws) => replaceInProjectFile(ws, 'specs/chinook/tables.yaml', '  artist:\n', '  artist:\n    from: ../../../../outside/secret.txt\n'),
    expect: { exit: 1, code: 'LK1009', at: /^specs\/chinook\/tables\.yaml:\d+:11$/ },
  },
  // --- identifiers ----------------------------------------------------------------------------------------
  {
    id: 'identifier-cyrillic-table', category: 'identifier', command: 'apply', quick: true,
    // "lаbels" with U+0430 CYRILLIC SMALL LETTER A: must not bind to "labels".
    setup: model('lookalike.sql', 'SELECT label_id FROM l\u0430bels\n'),
    expect: { exit: 1, code: 'LK3001', at: new RegExp(`^${GOLD}/lookalike\\.sql:1:22$`), mentions: /did you mean "labels"\?/ },
  },
  {
    id: 'identifier-cyrillic-column', category: 'identifier', command: 'apply', quick: true,
    setup: model('lookalike.sql', 'SELECT l\u0430bel_id FROM labels\n'),
    expect: { exit: 1, code: 'LK4001', at: new RegExp(`^${GOLD}/lookalike\\.sql:1:8$`), mentions: /contains "\u0430" \(U\+0430\).*in Latin letters the name is "label_id"/ },
  },
  {
    id: 'identifier-cyrillic-model-file', category: 'identifier', command: 'apply',
    setup: model('l\u0430bel_copy.sql', 'SELECT label_id FROM labels\n'),
    expect: { exit: 1, code: 'LK1010', at: new RegExp(`^pipelines\\.yaml:${MODELS_AT}:13$`), mentions: /invalid dataset name "l\u0430bel_copy"/ },
  },
  {
    id: 'identifier-quoted-semicolon-table', category: 'identifier', command: 'apply',
    setup: model('quoted.sql', 'SELECT * FROM "labels; DROP TABLE labels; --"\n'),
    expect: { exit: 1, code: 'LK3001', at: new RegExp(`^${GOLD}/quoted\\.sql:1:15$`) },
  },
  {
    id: 'identifier-quote-in-model-file-name', category: 'identifier', command: 'apply',
    setup: model("o'hara;drop.sql", 'SELECT 1 AS x\n'),
    expect: { exit: 1, code: 'LK1010', at: new RegExp(`^pipelines\\.yaml:${MODELS_AT}:13$`), mentions: /invalid dataset name "o'hara;drop"/ },
  },
  {
    id: 'identifier-cyrillic-rule-dataset', category: 'identifier', command: 'apply',
    setup: (ws) => replaceInProjectFile(ws, 'pipelines.yaml', 'dataset: labels, min: 1', 'dataset: l\u0430bels, min: 1'),
    // Dataset names are ASCII identifiers: the schema refuses the look-alike at the value.
    expect: { exit: 1, code: 'LK1002', at: new RegExp(`^pipelines\\.yaml:${lineOf(PIPELINES, 'dataset: labels, min: 1')}:${columnOf(PIPELINES.split('\n')[lineOf(PIPELINES, 'dataset: labels, min: 1') - 1]!, 'labels, min: 1')}$`) },
  },
];

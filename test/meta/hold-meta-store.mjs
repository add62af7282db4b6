// Test helper: a separate process that holds a DuckDB database file open (read-write), as an
// operator's duckdb shell would.
//   node test/meta/hold-meta-store.mjs <db-file> <hold-ms>
// Prints {"event":"ready"} on stdout once the file is open (and locked), closes it after <hold-ms>,
// prints {"event":"released"} and exits 0. Uses @duckdb/node-api directly, not lakec's store code.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, holdMs] = process.argv.slice(2);
const say = (event) => process.stdout.write(JSON.stringify({ event }) + '\n');
const instance = await DuckDBInstance.create(file);
const connection = await instance.connect();
await connection.run('SELECT 1');
say('ready');
setTimeout(() => {
  connection.closeSync();
  instance.closeSync();
  say('released');
  process.exit(0);
}, Number(holdMs));

// `lakec status` with a metadata store: the kill switches in force, as set by an operator.
import { describe, expect, it } from 'vitest';
import { lakeLayout } from '../../runtime/lake/lake-layout.js';
import { setControlFlag } from '../../runtime/meta/meta-store.js';
import { runCli } from '../support/run-cli.js';
import { buildLake, HALTED } from './lake-fixture.js';

describe('lakec status: kill switches', () => {
  it('shows "(no kill switches set)" for a store without any, then the switches in force', async () => {
    const lake = buildLake();
    const db = lakeLayout(lake).metaDb;
    await setControlFlag(db, { scope: 'shop', disabled: true, reason: 'maintenance', by: 'bob@etl' });
    await setControlFlag(db, { scope: 'shop', disabled: false, by: 'bob@etl' });
    const none = await runCli(['status', HALTED, '--lake', lake], lake);
    expect(none.code).toBe(0);
    expect(none.stdout.endsWith('\nkill switches\n  (no kill switches set)\n')).toBe(true);

    await setControlFlag(db, { scope: 'shop.orders', disabled: true, reason: 'bad feed', by: 'alice@etl' });
    const text = await runCli(['status', HALTED, '--lake', lake], lake);
    expect(text.stdout.endsWith('\nkill switches\n  shop.orders  disabled by alice@etl: bad feed\n')).toBe(true);
    const json = JSON.parse((await runCli(['status', HALTED, '--lake', lake, '--json'], lake)).stdout) as { flags: unknown };
    expect(json.flags).toEqual([{ scope: 'shop.orders', origin: 'operator', reason: 'bad feed', updatedBy: 'alice@etl' }]);
  });
});

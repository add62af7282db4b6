// Test support: where the repo and the shared real data are.
import { join } from 'node:path';
import { packageRoot } from '../../compiler/load/package-root.js';

export const REPO = packageRoot();
/** ../shared/data/discogs beside the repo: real 1,000-record samples of the 2020-08-06 dumps. */
export const DISCOGS_SAMPLES = join(REPO, '..', 'shared', 'data', 'discogs');
/** The real Chinook database as CSV files (one per table) and as a PostgreSQL script. */
export const CHINOOK_DATA = join(REPO, '..', 'shared', 'data', 'chinook');

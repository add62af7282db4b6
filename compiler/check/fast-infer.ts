// check/: the fast inferrer the compiler uses (check/fast-types/), as check-project's FastInfer.
import { inferColumnsFast } from './fast-types/infer-fast.js';
import type { FastInfer } from './check-project.js';

/** inferColumnsFast: DuckDB-exact output columns or undefined (test/fast-types checks it against DESCRIBE). */
export const FAST_INFER: FastInfer = inferColumnsFast;

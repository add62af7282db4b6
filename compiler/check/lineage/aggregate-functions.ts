// check/lineage: the names DuckDB registers as aggregate functions; lineage classifies their inputs as
// AGGREGATION. A constant so that compiling needs no engine; test/unit/aggregate-functions.test.ts
// checks it against `duckdb_functions()` of the pinned @duckdb/node-api, so an engine upgrade that
// adds or drops one fails the tests instead of drifting.
// @see https://duckdb.org/docs/stable/sql/meta/duckdb_table_functions#duckdb_functions

/** Lower-case names of DuckDB's aggregate functions (`function_type = 'aggregate'`), sorted. */
export const DUCKDB_AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'any_value', 'approx_count_distinct', 'approx_quantile', 'approx_top_k', 'arbitrary', 'arg_max', 'arg_max_null',
  'arg_max_nulls_last', 'arg_min', 'arg_min_null', 'arg_min_nulls_last', 'argmax', 'argmin', 'array_agg', 'avg',
  'bit_and', 'bit_or', 'bit_xor', 'bitstring_agg', 'bool_and', 'bool_or', 'corr', 'count', 'count_if', 'count_star',
  'countif', 'covar_pop', 'covar_samp', 'cume_dist', 'dense_rank', 'entropy', 'favg', 'fill', 'first', 'first_value',
  'fsum', 'group_concat', 'histogram', 'histogram_exact', 'kahan_sum', 'kurtosis', 'kurtosis_pop', 'lag', 'last',
  'last_value', 'lead', 'list', 'listagg', 'mad', 'max', 'max_by', 'mean', 'median', 'min', 'min_by', 'mode',
  'nth_value', 'ntile', 'percent_rank', 'product', 'quantile', 'quantile_cont', 'quantile_disc', 'rank', 'rank_dense',
  'regr_avgx', 'regr_avgy', 'regr_count', 'regr_intercept', 'regr_r2', 'regr_slope', 'regr_sxx', 'regr_sxy',
  'regr_syy', 'reservoir_quantile', 'row_number', 'sem', 'skewness', 'stddev', 'stddev_pop', 'stddev_samp',
  'string_agg', 'sum', 'sum_no_overflow', 'sumkahan', 'var_pop', 'var_samp', 'variance',
]);

// parse/fast/: DuckDB 1.5's keyword table (`SELECT * FROM duckdb_keywords()`), by category. The category
// decides where a word may stand in for a name: unreserved words work as column, table and function
// names; column-name words only as column and table names; type/function words only as function names;
// reserved words only after AS or a dot. The fast parser declines wherever that distinction is subtle.

/** How DuckDB's grammar treats a word, as stored on lexer tokens (KW_NONE: an ordinary identifier). */
export const KW_NONE = 0;
export const KW_UNRESERVED = 1;
export const KW_COLUMN_NAME = 2;
export const KW_TYPE_FUNCTION = 3;
export const KW_RESERVED = 4;

const RESERVED_WORDS =
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
  'default deferrable desc describe distinct do else end except false fetch for foreign from group having in ' +
  'initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer ' +
  'pivot_wider placing primary qualify references returning select show some summarize symmetric table then to ' +
  'trailing true union unique unpivot using variadic when where window with';
const UNRESERVED_WORDS =
  'abort absolute access action add admin after aggregate also alter always assertion assignment attach attribute ' +
  'backward before begin cache call called cascade cascaded catalog centuries century chain characteristics ' +
  'checkpoint class close cluster comment comments commit committed compression configuration conflict connection ' +
  'constraints content continue conversion copy cost csv cube current cursor cycle data database day days ' +
  'deallocate decade decades declare defaults deferred definer delete delimiter delimiters depends detach ' +
  'dictionary disable discard document domain double drop each enable encoding encrypted enum error escape event ' +
  'exclude excluding exclusive execute explain export export_state extension extensions external family filter ' +
  'first following force forward function functions global grant granted groups handler header hold hour hours ' +
  'identity if ignore immediate immutable implicit import include including increment index indexes inherit ' +
  'inherits inline input insensitive insert install instead invoker isolation json key label language large last ' +
  'leakproof level listen load local location lock locked logged macro mapping match matched materialized ' +
  'maxvalue merge method microsecond microseconds millennia millennium millisecond milliseconds minute minutes ' +
  'minvalue mode month months move name names new next no nothing notify nowait nulls object of off oids old ' +
  'operator option options ordinality others over overriding owned owner parallel parser partial partition ' +
  'partitioned passing password percent persistent plans policy pragma preceding prepare prepared preserve prior ' +
  'privileges procedural procedure program publication quarter quarters quote range read reassign recheck ' +
  'recursive ref referencing refresh reindex relative release rename repeatable replace replica reset respect ' +
  'restart restrict returns revoke role rollback rollup rows rule sample savepoint schema schemas scope scroll ' +
  'search second seconds secret security sequence sequences serializable server session set sets share simple ' +
  'skip snapshot sorted source sql stable standalone start statement statistics stdin stdout storage stored ' +
  'strict strip subscription sysid system tables tablespace target temp template temporary text ties transaction ' +
  'transform trigger truncate trusted type types unbounded uncommitted unencrypted unknown unlisten unlogged ' +
  'until update use user vacuum valid validate validator value variable varying version view views virtual ' +
  'volatile week weeks whitespace within without work wrapper write xml year years yes zone';
const COLUMN_NAME_WORDS =
  'between bigint bit boolean char character coalesce dec decimal exists extract float grouping grouping_id inout ' +
  'int integer interval national nchar none nullif numeric out overlay position precision real row setof smallint ' +
  'substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest ' +
  'xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable';
const TYPE_FUNCTION_WORDS =
  'anti asof at authorization binary by collation columns concurrently cross freeze full generated glob ilike ' +
  'inner is isnull join left like map natural notnull outer overlaps positional right semi similar struct ' +
  'tablesample try_cast unpack verbose';

const CATEGORY = new Map<string, number>();
for (const [words, category] of [
  [RESERVED_WORDS, KW_RESERVED],
  [UNRESERVED_WORDS, KW_UNRESERVED],
  [COLUMN_NAME_WORDS, KW_COLUMN_NAME],
  [TYPE_FUNCTION_WORDS, KW_TYPE_FUNCTION],
] as const) {
  for (const word of words.split(' ')) CATEGORY.set(word, category);
}

/** Length of the longest keyword; longer identifiers need no lookup. */
export const MAX_KEYWORD_LENGTH = Math.max(...[...CATEGORY.keys()].map((k) => k.length));

/**
 * Keywords bucketed by (length, first letter), so a lookup compares a handful of strings instead of
 * hashing a freshly sliced identifier. Bucket index: length * 26 + (first letter - 'a').
 */
const BUCKET_WORDS: string[][] = [];
const BUCKET_CATEGORIES: number[][] = [];
for (const [word, category] of CATEGORY) {
  const b = word.length * 26 + (word.charCodeAt(0) - 97);
  (BUCKET_WORDS[b] ??= []).push(word);
  (BUCKET_CATEGORIES[b] ??= []).push(category);
}

/** The category (`KW_*`) of `lower`, an unquoted identifier in lower case; KW_NONE when it is no keyword. */
export function keywordCategory(lower: string): number {
  const first = lower.charCodeAt(0) - 97;
  if (first < 0 || first >= 26) return KW_NONE;
  const b = lower.length * 26 + first;
  const words = BUCKET_WORDS[b];
  if (words === undefined) return KW_NONE;
  for (let k = 0; k < words.length; k++) if (words[k] === lower) return BUCKET_CATEGORIES[b]![k]!;
  return KW_NONE;
}

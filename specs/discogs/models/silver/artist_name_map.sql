-- lakec: description=Normalized artist name -> artist id from names; name variations and aliases (source says which)
-- norm_name: lower-case, whitespace collapsed and trimmed, Discogs' numeric disambiguation suffix " (2)" removed.
-- An alias row maps the alias's own name to the alias's own id (which may be outside the dump);
-- source_artist_id is the artists record the row was read from. name_candidates > 1 marks an ambiguous name.
WITH names AS (
  SELECT artist_id, name, 'name' AS source, artist_id AS source_artist_id
  FROM artists
  UNION ALL
  SELECT artist_id, name, 'namevariation' AS source, artist_id AS source_artist_id
  FROM artist_namevariations
  UNION ALL
  SELECT alias_id AS artist_id, name, 'alias' AS source, artist_id AS source_artist_id
  FROM artist_aliases
  WHERE alias_id IS NOT NULL
),
normalized AS (
  SELECT
    lower(trim(regexp_replace(regexp_replace(name, '\s+', ' ', 'g'), ' \(\d+\)$', ''))) AS norm_name,
    artist_id,
    name,
    source,
    source_artist_id
  FROM names
  WHERE name IS NOT NULL
),
deduplicated AS (
  SELECT DISTINCT norm_name, artist_id, name, source, source_artist_id
  FROM normalized
  WHERE norm_name <> ''
)
SELECT
  norm_name,
  artist_id,
  name,
  source,
  source_artist_id,
  count(DISTINCT artist_id) OVER (PARTITION BY norm_name) AS name_candidates
FROM deduplicated
ORDER BY norm_name, artist_id, source, source_artist_id, name

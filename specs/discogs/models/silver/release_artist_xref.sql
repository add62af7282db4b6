-- lakec: description=Release-to-artist links: main credits (role 'main') and extra credits (role text) in credit order
-- Credits not linked to an artist page (artist_id 0) are left out: they link to nothing.
-- role_kind is 'main' or 'extra'; role is 'main' for main credits and Discogs' role text for extra ones,
-- role_base is role without bracketed qualifiers ("Music By [All Tracks By]" -> "Music By").
-- position is the 1-based credit order within the release and kind.
SELECT
  release_id,
  artist_id,
  nullif(regexp_replace(name, '^\s+|\s+$', '', 'g'), '') AS artist_name,
  nullif(regexp_replace(coalesce(anv, name), '^\s+|\s+$', '', 'g'), '') AS credited_name,
  'main' AS role_kind,
  'main' AS role,
  'main' AS role_base,
  nullif(regexp_replace(join_phrase, '^\s+|\s+$', '', 'g'), '') AS join_phrase,
  CAST(NULL AS VARCHAR) AS tracks,
  seq AS position
FROM release_artists
WHERE artist_id IS NOT NULL AND artist_id <> 0
UNION ALL
SELECT
  release_id,
  artist_id,
  nullif(regexp_replace(name, '^\s+|\s+$', '', 'g'), '') AS artist_name,
  nullif(regexp_replace(coalesce(anv, name), '^\s+|\s+$', '', 'g'), '') AS credited_name,
  'extra' AS role_kind,
  coalesce(nullif(regexp_replace(role, '^\s+|\s+$', '', 'g'), ''), 'unknown') AS role,
  coalesce(nullif(trim(regexp_replace(role, '\s*\[[^\]]*\]', '', 'g')), ''), 'unknown') AS role_base,
  nullif(regexp_replace(join_phrase, '^\s+|\s+$', '', 'g'), '') AS join_phrase,
  nullif(regexp_replace(tracks, '^\s+|\s+$', '', 'g'), '') AS tracks,
  seq AS position
FROM release_extraartists
WHERE artist_id IS NOT NULL AND artist_id <> 0
ORDER BY release_id, role_kind DESC, position

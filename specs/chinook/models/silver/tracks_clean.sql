-- lakec: description=Tracks: trimmed names; composer 'Unknown' when missing; duration in seconds; unit price as exact DECIMAL, unique_key=track_id
-- album_id, genre_id and media_type_id stay NULL when the store has none (the OLTP schema allows it);
-- the mart's relationship rules ignore NULL keys and not_null rules on the fact report them.
SELECT
  track_id,
  coalesce(nullif(trim(name), ''), 'Untitled') AS track_name,
  album_id,
  media_type_id,
  genre_id,
  coalesce(nullif(trim(composer), ''), 'Unknown') AS composer,
  milliseconds,
  CAST(milliseconds / 1000 AS DECIMAL(10, 3)) AS duration_seconds,
  bytes,
  CAST(unit_price AS DECIMAL(10, 2)) AS unit_price
FROM track
ORDER BY track_id

-- lakec: description=Artists: trimmed names; a missing or blank name becomes 'Unknown artist', unique_key=artist_id
SELECT
  artist_id,
  coalesce(nullif(trim(name), ''), 'Unknown artist') AS artist_name
FROM artist
ORDER BY artist_id

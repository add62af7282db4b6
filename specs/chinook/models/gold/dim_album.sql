-- lakec: description=Album dimension: title; artist; track count and total running time, unique_key=album_id
SELECT
  a.album_id,
  a.album_title,
  a.artist_id,
  ar.artist_name,
  CAST(count(t.track_id) AS INTEGER) AS track_count,
  CAST(coalesce(sum(t.milliseconds), 0) AS BIGINT) AS total_milliseconds
FROM albums_clean AS a
LEFT JOIN artists_clean AS ar ON ar.artist_id = a.artist_id
LEFT JOIN tracks_clean AS t ON t.album_id = a.album_id
GROUP BY a.album_id, a.album_title, a.artist_id, ar.artist_name
ORDER BY a.album_id

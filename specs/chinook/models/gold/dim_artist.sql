-- lakec: description=Artist dimension: name; albums and tracks in the catalogue, unique_key=artist_id
WITH albums AS (
  SELECT artist_id, count(*) AS album_count
  FROM albums_clean
  GROUP BY artist_id
),
tracks AS (
  SELECT a.artist_id, count(*) AS track_count
  FROM tracks_clean AS t
  JOIN albums_clean AS a ON a.album_id = t.album_id
  GROUP BY a.artist_id
)
SELECT
  ar.artist_id,
  ar.artist_name,
  CAST(coalesce(al.album_count, 0) AS INTEGER) AS album_count,
  CAST(coalesce(tr.track_count, 0) AS INTEGER) AS track_count
FROM artists_clean AS ar
LEFT JOIN albums AS al ON al.artist_id = ar.artist_id
LEFT JOIN tracks AS tr ON tr.artist_id = ar.artist_id
ORDER BY ar.artist_id

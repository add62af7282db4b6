-- lakec: description=Genre dimension: name and catalogue size, unique_key=genre_id
SELECT
  g.genre_id,
  g.genre_name,
  CAST(count(t.track_id) AS INTEGER) AS track_count
FROM genres_clean AS g
LEFT JOIN tracks_clean AS t ON t.genre_id = g.genre_id
GROUP BY g.genre_id, g.genre_name
ORDER BY g.genre_id

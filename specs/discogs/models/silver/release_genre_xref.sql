-- lakec: description=Release-to-genre links (one row per distinct genre of a release)
SELECT
  release_id,
  trim(genre) AS genre,
  min(seq) AS position
FROM release_genres
WHERE genre IS NOT NULL AND trim(genre) <> ''
GROUP BY release_id, trim(genre)
ORDER BY release_id, position

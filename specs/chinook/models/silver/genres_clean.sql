-- lakec: description=Genres: trimmed names ('Unknown genre' when missing), unique_key=genre_id
SELECT
  genre_id,
  coalesce(nullif(trim(name), ''), 'Unknown genre') AS genre_name
FROM genre
ORDER BY genre_id

-- lakec: description=Albums: trimmed titles ('Untitled' when missing) and their artist, unique_key=album_id
SELECT
  album_id,
  coalesce(nullif(trim(title), ''), 'Untitled') AS album_title,
  artist_id
FROM album
ORDER BY album_id

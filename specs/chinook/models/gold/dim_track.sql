-- lakec: description=Track dimension: name; album; artist; genre; media type; composer; length; size; list price; playlists, unique_key=track_id
-- Denormalized for reporting: the album, artist, genre and media-type names sit beside their keys.
-- playlist_count is the number of playlists holding the track.
WITH playlists AS (
  SELECT track_id, count(*) AS playlist_count
  FROM playlist_tracks_clean
  GROUP BY track_id
)
SELECT
  t.track_id,
  t.track_name,
  t.album_id,
  a.album_title,
  a.artist_id,
  ar.artist_name,
  t.genre_id,
  g.genre_name,
  t.media_type_id,
  mt.media_type_name,
  mt.is_video,
  t.composer,
  t.milliseconds,
  t.duration_seconds,
  t.bytes,
  t.unit_price,
  CAST(coalesce(p.playlist_count, 0) AS INTEGER) AS playlist_count
FROM tracks_clean AS t
LEFT JOIN albums_clean AS a ON a.album_id = t.album_id
LEFT JOIN artists_clean AS ar ON ar.artist_id = a.artist_id
LEFT JOIN genres_clean AS g ON g.genre_id = t.genre_id
LEFT JOIN media_types_clean AS mt ON mt.media_type_id = t.media_type_id
LEFT JOIN playlists AS p ON p.track_id = t.track_id
ORDER BY t.track_id

-- lakec: description=Playlist membership: one row per playlist and track with the playlist's trimmed name, unique_key=playlist_id+track_id
-- Several playlists share a name ("Music" is playlists 1 and 8): playlist_id is the key, not the name.
SELECT DISTINCT
  pt.playlist_id,
  coalesce(nullif(trim(p.name), ''), 'Untitled playlist') AS playlist_name,
  pt.track_id
FROM playlist_track AS pt
LEFT JOIN playlist AS p ON p.playlist_id = pt.playlist_id
ORDER BY pt.playlist_id, pt.track_id

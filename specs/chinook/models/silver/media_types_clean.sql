-- lakec: description=Media types: trimmed names; flags for video and DRM-protected files, unique_key=media_type_id
-- is_video / is_protected are read from the store's own names ("Protected MPEG-4 video file").
SELECT
  media_type_id,
  coalesce(nullif(trim(name), ''), 'Unknown media type') AS media_type_name,
  coalesce(lower(name) LIKE '%video%', false) AS is_video,
  coalesce(lower(name) LIKE 'protected %', false) AS is_protected
FROM media_type
ORDER BY media_type_id

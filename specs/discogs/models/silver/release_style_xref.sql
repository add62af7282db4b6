-- lakec: description=Release-to-style links (one row per distinct style of a release)
SELECT
  release_id,
  trim(style) AS style,
  min(seq) AS position
FROM release_styles
WHERE style IS NOT NULL AND trim(style) <> ''
GROUP BY release_id, trim(style)
ORDER BY release_id, position

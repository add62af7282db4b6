-- lakec: description=Release-to-label links with catalogue numbers ('none' becomes NULL)
SELECT DISTINCT
  release_id,
  label_id,
  nullif(regexp_replace(name, '^\s+|\s+$', '', 'g'), '') AS label_name,
  CASE WHEN lower(trim(catno)) IN ('', 'none') THEN NULL ELSE trim(catno) END AS catno,
  seq AS position
FROM release_labels
WHERE label_id IS NOT NULL
ORDER BY release_id, position

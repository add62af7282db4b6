-- lakec: description=Releases per label: count and first/last release year; name from the labels dump where known
-- Only labels that some release references appear. label_name falls back to the name printed on the releases
-- (alphabetically first when they differ) when the label is not in the labels dump; in_labels_dump tells which.
WITH per_label AS (
  SELECT
    x.label_id,
    min(x.label_name) AS credited_name,
    count(DISTINCT x.release_id) AS release_count,
    count(DISTINCT x.release_id) FILTER (WHERE x.catno IS NOT NULL) AS catalogued_release_count,
    min(r.release_year) AS first_release_year,
    max(r.release_year) AS last_release_year
  FROM release_label_xref AS x
  JOIN releases_clean AS r ON r.release_id = x.release_id
  GROUP BY x.label_id
)
SELECT
  p.label_id,
  coalesce(l.name, p.credited_name) AS label_name,
  l.label_id IS NOT NULL AS in_labels_dump,
  l.parent_label_id,
  p.release_count,
  p.catalogued_release_count,
  p.first_release_year,
  p.last_release_year
FROM per_label AS p
LEFT JOIN labels AS l ON l.label_id = p.label_id
ORDER BY p.label_id

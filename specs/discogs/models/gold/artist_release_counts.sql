-- lakec: description=Releases per credited artist: as main artist and as extra artist; first/last release year
-- Only artists some release credits appear. artist_name comes from the artists dump where known
-- (in_artists_dump) and otherwise from the credits (alphabetically first when they differ).
WITH per_artist AS (
  SELECT
    x.artist_id,
    min(x.artist_name) AS credited_name,
    count(DISTINCT x.release_id) FILTER (WHERE x.role_kind = 'main') AS main_release_count,
    count(DISTINCT x.release_id) FILTER (WHERE x.role_kind = 'extra') AS extra_release_count,
    count(DISTINCT x.release_id) AS release_count,
    min(r.release_year) AS first_release_year,
    max(r.release_year) AS last_release_year
  FROM release_artist_xref AS x
  JOIN releases_clean AS r ON r.release_id = x.release_id
  GROUP BY x.artist_id
)
SELECT
  p.artist_id,
  coalesce(a.name, p.credited_name) AS artist_name,
  a.artist_id IS NOT NULL AS in_artists_dump,
  p.main_release_count,
  p.extra_release_count,
  p.release_count,
  p.first_release_year,
  p.last_release_year
FROM per_artist AS p
LEFT JOIN artists AS a ON a.artist_id = p.artist_id
ORDER BY p.artist_id

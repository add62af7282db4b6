-- lakec: description=Releases per genre: release and master counts; first/last release year; styles seen with the genre
WITH genre_releases AS (
  SELECT g.genre, r.release_id, r.master_id, r.release_year
  FROM release_genre_xref AS g
  JOIN releases_clean AS r ON r.release_id = g.release_id
),
genre_styles AS (
  SELECT g.genre, CAST(count(DISTINCT s.style) AS INTEGER) AS style_count
  FROM release_genre_xref AS g
  JOIN release_style_xref AS s ON s.release_id = g.release_id
  GROUP BY g.genre
)
SELECT
  gr.genre,
  count(DISTINCT gr.release_id) AS release_count,
  count(DISTINCT gr.master_id) AS master_count,
  min(gr.release_year) AS first_release_year,
  max(gr.release_year) AS last_release_year,
  coalesce(min(gs.style_count), 0) AS style_count
FROM genre_releases AS gr
LEFT JOIN genre_styles AS gs ON gs.genre = gr.genre
GROUP BY gr.genre
ORDER BY release_count DESC, gr.genre

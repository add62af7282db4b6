-- lakec: description=Most popular tracks: every track sold at least once; ranked by quantity sold, unique_key=track_id
-- popularity_rank is unique and stable: more units sold first, then more revenue, then the lower track_id.
-- units_rank is the competition rank by units alone (tracks selling as many units share it: 1; 1; 3).
-- Take the top N with WHERE popularity_rank <= N.
WITH sales AS (
  SELECT
    track_id,
    sum(quantity) AS units_sold,
    sum(line_amount) AS revenue,
    count(DISTINCT invoice_id) AS invoice_count,
    count(DISTINCT customer_id) AS customer_count
  FROM fact_invoice_line
  GROUP BY track_id
)
SELECT
  CAST(row_number() OVER (ORDER BY s.units_sold DESC, s.revenue DESC, s.track_id) AS INTEGER) AS popularity_rank,
  CAST(rank() OVER (ORDER BY s.units_sold DESC) AS INTEGER) AS units_rank,
  s.track_id,
  t.track_name,
  t.artist_name,
  t.album_title,
  t.genre_name,
  t.media_type_name,
  CAST(s.units_sold AS INTEGER) AS units_sold,
  CAST(s.revenue AS DECIMAL(10, 2)) AS revenue,
  CAST(s.invoice_count AS INTEGER) AS invoice_count,
  CAST(s.customer_count AS INTEGER) AS customer_count
FROM sales AS s
LEFT JOIN dim_track AS t ON t.track_id = s.track_id
WHERE s.units_sold > 0
ORDER BY popularity_rank

-- lakec: description=Top revenue by genre per country: every genre a country bought; ranked by revenue within the country, unique_key=country+revenue_rank
-- country is the customer's country (dim_customer). revenue_rank 1 is the country's top genre; ties in revenue
-- are broken by more units sold, then genre name, then genre_id, so ranks are unique and stable.
-- revenue_share_pct is the genre's share of the country's revenue, in percent, rounded to 2 decimals (half away
-- from zero on the exact value; see report_regional_pricing).
WITH sales AS (
  SELECT
    c.country,
    f.genre_id,
    sum(f.line_amount) AS revenue,
    sum(f.quantity) AS units_sold,
    count(DISTINCT f.invoice_id) AS invoice_count,
    count(DISTINCT f.customer_id) AS customer_count
  FROM fact_invoice_line AS f
  JOIN dim_customer AS c ON c.customer_id = f.customer_id
  GROUP BY c.country, f.genre_id
),
named AS (
  SELECT s.*, coalesce(g.genre_name, 'Unknown genre') AS genre_name
  FROM sales AS s
  LEFT JOIN dim_genre AS g ON g.genre_id = s.genre_id
)
SELECT
  country,
  CAST(row_number() OVER (
    PARTITION BY country ORDER BY revenue DESC, units_sold DESC, genre_name, genre_id
  ) AS INTEGER) AS revenue_rank,
  genre_id,
  genre_name,
  CAST(revenue AS DECIMAL(10, 2)) AS revenue,
  CAST(units_sold AS INTEGER) AS units_sold,
  CAST(invoice_count AS INTEGER) AS invoice_count,
  CAST(customer_count AS INTEGER) AS customer_count,
  CAST(round(CAST(100 * revenue / sum(revenue) OVER (PARTITION BY country) AS DECIMAL(38, 10)), 2) AS DECIMAL(5, 2)) AS revenue_share_pct
FROM named
ORDER BY country, revenue_rank

-- lakec: description=Regional pricing: per customer country the average unit price paid; average invoice total; revenue per customer, unique_key=country
-- avg_unit_price = revenue / units sold (4 decimals); avg_invoice_total = revenue / invoices and
-- revenue_per_customer = revenue / customers who bought (2 decimals). premium_unit_share_pct is the share of
-- units sold at a price above the catalogue's lowest track price (0.99 in the store: music; 1.99 is video),
-- in percent (2 decimals). Ordered by revenue (largest first), then country.
-- Every ratio is rounded half away from zero on its exact value: DuckDB divides DECIMALs in DOUBLE, so the
-- quotient is cast to DECIMAL(38, 10) first, which removes the binary error (Canada: 303.96 / 8 customers =
-- 37.995 -> 38.00, where rounding the DOUBLE 37.99499… would give 37.99).
WITH lines AS (
  SELECT c.country, f.invoice_id, f.customer_id, f.quantity, f.unit_price, f.line_amount
  FROM fact_invoice_line AS f
  JOIN dim_customer AS c ON c.customer_id = f.customer_id
),
per_country AS (
  SELECT
    country,
    count(DISTINCT customer_id) AS customer_count,
    count(DISTINCT invoice_id) AS invoice_count,
    count(*) AS line_count,
    sum(quantity) AS units_sold,
    sum(line_amount) AS revenue,
    min(unit_price) AS min_unit_price,
    max(unit_price) AS max_unit_price
  FROM lines
  GROUP BY country
),
premium AS (
  SELECT country, sum(quantity) AS premium_units
  FROM lines
  WHERE unit_price > (SELECT min(unit_price) FROM dim_track)
  GROUP BY country
)
SELECT
  p.country,
  CAST(p.customer_count AS INTEGER) AS customer_count,
  CAST(p.invoice_count AS INTEGER) AS invoice_count,
  CAST(p.line_count AS INTEGER) AS line_count,
  CAST(p.units_sold AS INTEGER) AS units_sold,
  CAST(p.revenue AS DECIMAL(10, 2)) AS revenue,
  p.min_unit_price,
  p.max_unit_price,
  CAST(round(CAST(p.revenue / p.units_sold AS DECIMAL(38, 10)), 4) AS DECIMAL(10, 4)) AS avg_unit_price,
  CAST(round(CAST(p.revenue / p.invoice_count AS DECIMAL(38, 10)), 2) AS DECIMAL(10, 2)) AS avg_invoice_total,
  CAST(round(CAST(p.revenue / p.customer_count AS DECIMAL(38, 10)), 2) AS DECIMAL(10, 2)) AS revenue_per_customer,
  CAST(round(CAST(100 * coalesce(pr.premium_units, 0) / p.units_sold AS DECIMAL(38, 10)), 2) AS DECIMAL(5, 2)) AS premium_unit_share_pct
FROM per_country AS p
LEFT JOIN premium AS pr ON pr.country = p.country
ORDER BY p.revenue DESC, p.country

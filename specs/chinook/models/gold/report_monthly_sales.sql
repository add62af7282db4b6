-- lakec: description=Monthly sales trend: revenue; invoices; lines; customers per calendar month with running total and month-over-month change, unique_key=month_key
-- Every month of dim_date appears (a month without sales has 0 revenue). running_revenue is the cumulative
-- revenue up to and including the month; revenue_change is the difference to the previous month (NULL for the
-- first month) and revenue_change_pct that difference in percent of the previous month, rounded to 2 decimals
-- (half away from zero on the exact value; NULL when the previous month had no revenue).
WITH months AS (
  SELECT DISTINCT month_key, year, month, month_name, make_date(year, month, 1) AS month_start
  FROM dim_date
),
sales AS (
  SELECT
    d.month_key,
    sum(f.line_amount) AS revenue,
    count(DISTINCT f.invoice_id) AS invoice_count,
    count(*) AS line_count,
    sum(f.quantity) AS units_sold,
    count(DISTINCT f.customer_id) AS customer_count
  FROM fact_invoice_line AS f
  JOIN dim_date AS d ON d.date_key = f.date_key
  GROUP BY d.month_key
),
monthly AS (
  SELECT
    m.month_key,
    m.year,
    m.month,
    m.month_name,
    m.month_start,
    coalesce(s.revenue, 0) AS revenue,
    coalesce(s.invoice_count, 0) AS invoice_count,
    coalesce(s.line_count, 0) AS line_count,
    coalesce(s.units_sold, 0) AS units_sold,
    coalesce(s.customer_count, 0) AS customer_count
  FROM months AS m
  LEFT JOIN sales AS s ON s.month_key = m.month_key
),
trend AS (
  SELECT
    *,
    sum(revenue) OVER (ORDER BY month_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_revenue,
    lag(revenue) OVER (ORDER BY month_key) AS previous_revenue
  FROM monthly
)
SELECT
  month_key,
  CAST(year AS INTEGER) AS year,
  CAST(month AS INTEGER) AS month,
  month_name,
  month_start,
  CAST(revenue AS DECIMAL(10, 2)) AS revenue,
  CAST(invoice_count AS INTEGER) AS invoice_count,
  CAST(line_count AS INTEGER) AS line_count,
  CAST(units_sold AS INTEGER) AS units_sold,
  CAST(customer_count AS INTEGER) AS customer_count,
  CAST(running_revenue AS DECIMAL(12, 2)) AS running_revenue,
  CAST(revenue - previous_revenue AS DECIMAL(10, 2)) AS revenue_change,
  CAST(CASE WHEN previous_revenue = 0 THEN NULL ELSE round(CAST(100 * (revenue - previous_revenue) / previous_revenue AS DECIMAL(38, 10)), 2) END AS DECIMAL(10, 2)) AS revenue_change_pct
FROM trend
ORDER BY month_key

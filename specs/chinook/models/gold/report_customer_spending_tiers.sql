-- lakec: description=Customer spending tiers: every customer's invoices and total spent; spending rank; tier by quantile, unique_key=customer_id
-- spending_tier is by quantile of total_spent among all customers: with share = the fraction of customers
-- who spent at least as much (cume_dist over total_spent descending), 'high' when share <= 0.2 (the top
-- fifth), 'medium' when share <= 0.7 (the next half), else 'low'. Customers with equal totals share a tier.
-- Customers without invoices are included with 0 spent. spending_rank is 1 for the largest total; ties by
-- customer_id. avg_invoice_total is rounded to cents half away from zero on the exact value (see
-- report_regional_pricing).
WITH spend AS (
  SELECT
    customer_id,
    count(DISTINCT invoice_id) AS invoice_count,
    count(*) AS line_count,
    sum(line_amount) AS total_spent,
    min(date_key) AS first_date_key,
    max(date_key) AS last_date_key
  FROM fact_invoice_line
  GROUP BY customer_id
),
per_customer AS (
  SELECT
    c.customer_id,
    c.full_name AS customer_name,
    c.country,
    c.support_rep_id,
    coalesce(s.invoice_count, 0) AS invoice_count,
    coalesce(s.line_count, 0) AS line_count,
    coalesce(s.total_spent, 0) AS total_spent,
    s.first_date_key,
    s.last_date_key
  FROM dim_customer AS c
  LEFT JOIN spend AS s ON s.customer_id = c.customer_id
),
ranked AS (
  SELECT
    *,
    cume_dist() OVER (ORDER BY total_spent DESC) AS spent_share,
    row_number() OVER (ORDER BY total_spent DESC, customer_id) AS spending_rank
  FROM per_customer
)
SELECT
  r.customer_id,
  r.customer_name,
  r.country,
  r.support_rep_id,
  CAST(r.invoice_count AS INTEGER) AS invoice_count,
  CAST(r.line_count AS INTEGER) AS line_count,
  CAST(r.total_spent AS DECIMAL(10, 2)) AS total_spent,
  CAST(CASE WHEN r.invoice_count = 0 THEN NULL ELSE round(CAST(r.total_spent / r.invoice_count AS DECIMAL(38, 10)), 2) END AS DECIMAL(10, 2)) AS avg_invoice_total,
  fd.date AS first_invoice_date,
  ld.date AS last_invoice_date,
  CAST(r.spending_rank AS INTEGER) AS spending_rank,
  CASE WHEN r.spent_share <= 0.2 THEN 'high' WHEN r.spent_share <= 0.7 THEN 'medium' ELSE 'low' END AS spending_tier
FROM ranked AS r
LEFT JOIN dim_date AS fd ON fd.date_key = r.first_date_key
LEFT JOIN dim_date AS ld ON ld.date_key = r.last_date_key
ORDER BY r.spending_rank

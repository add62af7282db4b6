-- lakec: description=Employee sales performance: per sales agent the customers they support; invoices; lines; revenue and share of all revenue, unique_key=employee_id
-- A sale is attributed to the customer's support representative (fact_invoice_line.employee_id); every
-- employee who supports at least one customer appears. revenue_share_pct is the agent's share of the
-- revenue of all sales, in percent, rounded to 2 decimals (half away from zero on the exact value; see
-- report_regional_pricing). revenue_rank 1 is the best agent; ties by employee_id.
WITH sales AS (
  SELECT
    employee_id,
    count(DISTINCT invoice_id) AS invoice_count,
    count(*) AS line_count,
    sum(line_amount) AS revenue,
    min(date_key) AS first_date_key,
    max(date_key) AS last_date_key
  FROM fact_invoice_line
  WHERE employee_id IS NOT NULL
  GROUP BY employee_id
),
total AS (
  SELECT sum(line_amount) AS revenue FROM fact_invoice_line
),
agents AS (
  SELECT
    e.employee_id,
    e.full_name AS employee_name,
    e.title,
    e.manager_name,
    e.customer_count,
    coalesce(s.invoice_count, 0) AS invoice_count,
    coalesce(s.line_count, 0) AS line_count,
    coalesce(s.revenue, 0) AS revenue,
    s.first_date_key,
    s.last_date_key
  FROM dim_employee AS e
  LEFT JOIN sales AS s ON s.employee_id = e.employee_id
  WHERE e.is_sales_agent
)
SELECT
  a.employee_id,
  a.employee_name,
  a.title,
  a.manager_name,
  a.customer_count,
  CAST(a.invoice_count AS INTEGER) AS invoice_count,
  CAST(a.line_count AS INTEGER) AS line_count,
  CAST(a.revenue AS DECIMAL(10, 2)) AS revenue,
  CAST(CASE WHEN t.revenue = 0 THEN NULL ELSE round(CAST(100 * a.revenue / t.revenue AS DECIMAL(38, 10)), 2) END AS DECIMAL(5, 2)) AS revenue_share_pct,
  CAST(row_number() OVER (ORDER BY a.revenue DESC, a.employee_id) AS INTEGER) AS revenue_rank,
  fd.date AS first_sale_date,
  ld.date AS last_sale_date
FROM agents AS a
CROSS JOIN total AS t
LEFT JOIN dim_date AS fd ON fd.date_key = a.first_date_key
LEFT JOIN dim_date AS ld ON ld.date_key = a.last_date_key
ORDER BY revenue_rank

-- lakec: description=Calendar dimension: one row per day of every calendar year that has an invoice, unique_key=date_key
-- date_key is the day as a yyyymmdd INTEGER (20210101), the key fact_invoice_line.date_key points at.
-- day_of_week is ISO (1 = Monday … 7 = Sunday); month_name and day_name are English.
WITH bounds AS (
  SELECT
    make_date(CAST(year(min(invoice_date)) AS BIGINT), 1, 1) AS first_day,
    make_date(CAST(year(max(invoice_date)) AS BIGINT), 12, 31) AS last_day
  FROM invoices_clean
),
days AS (
  SELECT CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE) AS date
  FROM bounds
  WHERE first_day IS NOT NULL
)
SELECT
  CAST(year(date) * 10000 + month(date) * 100 + day(date) AS INTEGER) AS date_key,
  date,
  CAST(year(date) AS INTEGER) AS year,
  CAST(quarter(date) AS INTEGER) AS quarter,
  CAST(month(date) AS INTEGER) AS month,
  monthname(date) AS month_name,
  CAST(day(date) AS INTEGER) AS day,
  CAST(isodow(date) AS INTEGER) AS day_of_week,
  dayname(date) AS day_name,
  isodow(date) >= 6 AS is_weekend,
  CAST(year(date) * 100 + month(date) AS INTEGER) AS month_key
FROM days
ORDER BY date_key

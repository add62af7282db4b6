-- lakec: description=Invoices: invoice date as DATE; trimmed billing address ('n/a' state when missing); total as exact DECIMAL, unique_key=invoice_id
-- The store records invoice times at midnight: invoice_date keeps the calendar day.
SELECT
  invoice_id,
  customer_id,
  CAST(invoice_date AS DATE) AS invoice_date,
  nullif(trim(billing_address), '') AS billing_address,
  nullif(trim(billing_city), '') AS billing_city,
  coalesce(nullif(trim(billing_state), ''), 'n/a') AS billing_state,
  coalesce(nullif(trim(billing_country), ''), 'Unknown') AS billing_country,
  nullif(trim(billing_postal_code), '') AS billing_postal_code,
  CAST(total AS DECIMAL(10, 2)) AS total
FROM invoice
ORDER BY invoice_id

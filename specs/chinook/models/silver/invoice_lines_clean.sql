-- lakec: description=Invoice lines: unit price as exact DECIMAL and quantity as INTEGER, unique_key=invoice_line_id
SELECT
  invoice_line_id,
  invoice_id,
  track_id,
  CAST(unit_price AS DECIMAL(10, 2)) AS unit_price,
  CAST(quantity AS INTEGER) AS quantity
FROM invoice_line
ORDER BY invoice_line_id

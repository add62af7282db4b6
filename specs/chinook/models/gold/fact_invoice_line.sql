-- lakec: description=Sales fact: one row per invoice line with keys to every dimension; quantity; unit price; line amount, unique_key=invoice_line_id
-- Grain: one invoice line. date_key is the invoice day as yyyymmdd (dim_date); employee_id is the customer's
-- support representative (dim_employee), the employee the sale is attributed to; album_id and artist_id come
-- through the track's album. line_amount = quantity * unit_price, exact to the cent; the lines of an invoice
-- sum to its total (rule invoice_totals_match). LEFT JOINs keep every line: a key the store cannot resolve
-- stays NULL or orphaned, and the relationship and not_null rules report it instead of dropping revenue.
SELECT
  l.invoice_line_id,
  l.invoice_id,
  CAST(year(i.invoice_date) * 10000 + month(i.invoice_date) * 100 + day(i.invoice_date) AS INTEGER) AS date_key,
  i.customer_id,
  c.support_rep_id AS employee_id,
  l.track_id,
  t.album_id,
  a.artist_id,
  t.genre_id,
  t.media_type_id,
  l.quantity,
  l.unit_price,
  CAST(l.quantity * l.unit_price AS DECIMAL(10, 2)) AS line_amount
FROM invoice_lines_clean AS l
LEFT JOIN invoices_clean AS i ON i.invoice_id = l.invoice_id
LEFT JOIN customers_clean AS c ON c.customer_id = i.customer_id
LEFT JOIN tracks_clean AS t ON t.track_id = l.track_id
LEFT JOIN albums_clean AS a ON a.album_id = t.album_id
ORDER BY l.invoice_line_id

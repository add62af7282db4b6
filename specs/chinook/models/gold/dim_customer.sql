-- lakec: description=Customer dimension: name; company; address; contact; support representative, unique_key=customer_id
-- support_rep_id is the employee looking after the customer now (fact_invoice_line.employee_id uses the same link).
SELECT
  c.customer_id,
  c.first_name,
  c.last_name,
  c.full_name,
  c.company,
  c.is_business,
  c.address,
  c.city,
  c.state,
  c.country,
  c.postal_code,
  c.phone,
  c.fax,
  c.email,
  c.support_rep_id,
  e.full_name AS support_rep_name
FROM customers_clean AS c
LEFT JOIN employees_clean AS e ON e.employee_id = c.support_rep_id
ORDER BY c.customer_id

-- lakec: description=Customers: trimmed text; full name; company and state 'n/a' when missing; lower-case e-mail, unique_key=customer_id
-- is_business says whether the store recorded a company. postal_code, phone and fax stay NULL when missing
-- (they are contact details, not labels). support_rep_id is the employee who looks after the customer.
SELECT
  customer_id,
  trim(first_name) AS first_name,
  trim(last_name) AS last_name,
  concat_ws(' ', trim(first_name), trim(last_name)) AS full_name,
  coalesce(nullif(trim(company), ''), 'n/a') AS company,
  nullif(trim(company), '') IS NOT NULL AS is_business,
  nullif(trim(address), '') AS address,
  nullif(trim(city), '') AS city,
  coalesce(nullif(trim(state), ''), 'n/a') AS state,
  coalesce(nullif(trim(country), ''), 'Unknown') AS country,
  nullif(trim(postal_code), '') AS postal_code,
  nullif(trim(phone), '') AS phone,
  nullif(trim(fax), '') AS fax,
  lower(nullif(trim(email), '')) AS email,
  support_rep_id
FROM customer
ORDER BY customer_id

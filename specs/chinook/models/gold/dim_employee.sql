-- lakec: description=Employee dimension: name; title; manager's id and name; dates; how many customers they support, unique_key=employee_id
-- is_sales_agent: the employee is the support representative of at least one customer (sales are attributed
-- to a customer's representative). manager_name is NULL for the top of the hierarchy.
WITH supported AS (
  SELECT support_rep_id AS employee_id, count(*) AS customer_count
  FROM customers_clean
  WHERE support_rep_id IS NOT NULL
  GROUP BY support_rep_id
)
SELECT
  e.employee_id,
  e.first_name,
  e.last_name,
  e.full_name,
  e.title,
  e.manager_id,
  m.full_name AS manager_name,
  e.birth_date,
  e.hire_date,
  e.city,
  e.state,
  e.country,
  e.email,
  CAST(coalesce(s.customer_count, 0) AS INTEGER) AS customer_count,
  coalesce(s.customer_count, 0) > 0 AS is_sales_agent
FROM employees_clean AS e
LEFT JOIN employees_clean AS m ON m.employee_id = e.manager_id
LEFT JOIN supported AS s ON s.employee_id = e.employee_id
ORDER BY e.employee_id

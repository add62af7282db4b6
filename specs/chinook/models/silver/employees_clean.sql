-- lakec: description=Employees: trimmed text; full name; reports_to renamed manager_id; birth and hire dates as DATE, unique_key=employee_id
SELECT
  employee_id,
  trim(first_name) AS first_name,
  trim(last_name) AS last_name,
  concat_ws(' ', trim(first_name), trim(last_name)) AS full_name,
  coalesce(nullif(trim(title), ''), 'n/a') AS title,
  reports_to AS manager_id,
  CAST(birth_date AS DATE) AS birth_date,
  CAST(hire_date AS DATE) AS hire_date,
  nullif(trim(address), '') AS address,
  nullif(trim(city), '') AS city,
  coalesce(nullif(trim(state), ''), 'n/a') AS state,
  coalesce(nullif(trim(country), ''), 'Unknown') AS country,
  nullif(trim(postal_code), '') AS postal_code,
  nullif(trim(phone), '') AS phone,
  nullif(trim(fax), '') AS fax,
  lower(nullif(trim(email), '')) AS email
FROM employee
ORDER BY employee_id

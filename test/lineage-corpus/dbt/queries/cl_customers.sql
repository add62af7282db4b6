SELECT 

    /* IDs */
    id      AS customer_id,

    /* DIMENSIONS */
    name    AS customer_name

FROM dl_customers

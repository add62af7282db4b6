SELECT 

    /* IDs */
    md5(cast(coalesce(cast(id as varchar), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(sku as varchar), '_dbt_utils_surrogate_key_null_') as varchar))   AS supply_id,
    id                                                      AS supply_type_id,
    sku                                                     AS product_id,

    /* DIMENSIONS */
    name            AS supply_type_name,
    perishable      AS is_perishable,        

    /* METRICS */
    cost     AS supply_cost_cents

FROM dl_supplies

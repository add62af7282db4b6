with

source as (

    select * from raw_orders

),

renamed as (

    select

        ----------  ids
        id as order_id,
        store_id as location_id,
        customer as customer_id,

        ---------- numerics
        subtotal as subtotal_cents,
        tax_paid as tax_paid_cents,
        subtotal + tax_paid as order_total_cents,
        (subtotal / 100)::numeric(16, 2) as subtotal,
        (tax_paid / 100)::numeric(16, 2) as tax_paid,

        ---------- timestamps
        date_trunc('day', ordered_at) as ordered_at

    from source

),

-- BigQuery does not support lateral column aliases so we need a separate CTE
add_total as (

    select
        *,
        (order_total_cents / 100)::numeric(16, 2) as order_total

    from renamed

)

select * from add_total

with

locations as (

    select * from stg_orders

)

select * from locations

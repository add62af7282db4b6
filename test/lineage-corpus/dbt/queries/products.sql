with

products as (

    select * from stg_products

)

select * from products

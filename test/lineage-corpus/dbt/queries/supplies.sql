with

supplies as (

    select * from stg_supplies

)

select * from supplies

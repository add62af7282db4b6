with dates as (
    select
        distinct ordered_at::date as date
    from orders
)

select
    dates.date,
    random()*100 as sessions
from dates

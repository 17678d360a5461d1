-- M-REA-2: the pseudo-codes of geo-IP (XX, A1, A2, AP, EU) are not countries, so
-- they can never be counted among the countries reached. Rows returned are violations.
with

countries as (
    select * from {{ ref('dim_countries') }}
)

select country_code
from countries
where country_code in ('XX', 'A1', 'A2', 'AP', 'EU') or country_code is null

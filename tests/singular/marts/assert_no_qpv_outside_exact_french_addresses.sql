-- M-UND-1..3: no enrolment counts as residing in a priority neighbourhood unless
-- its residence at the start is in France and geocoded to the house number.
-- Rows returned are violations.
with

enrollments as (
    select * from {{ ref('fct_enrollments') }}
)

select
    enrollment_id,
    residence_country_code,
    is_resident_in_france,
    is_exact_address
from enrollments
where
    is_in_underserved_area
    and (not is_resident_in_france or not is_exact_address)

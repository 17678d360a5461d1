-- Fails when the var lane_fail is true: a build whose tests fail after its tables were built.
select person_id
from {{ ref('lane_people') }}
where {{ 'true' if var('lane_fail') else 'false' }}

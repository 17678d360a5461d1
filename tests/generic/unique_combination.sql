{% test unique_combination(model, combination_of_columns) %}
-- The grain of a long table: no two rows share the same values of
-- combination_of_columns (NULLs compare equal, as in a group by). Rows returned are
-- the duplicated combinations.
select
    {{ combination_of_columns | join(',\n    ') }},
    count(*) as n_rows
from {{ model }}
group by
    {{ combination_of_columns | join(',\n    ') }}
having count(*) > 1
{% endtest %}

{#- Fails on every combination of `combination_of_columns` that occurs more than once
    (a composite primary key; NULLs compare equal). -#}
{% test unique_combination(model, combination_of_columns) %}

select
    {{ combination_of_columns | join(', ') }},
    count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1

{% endtest %}

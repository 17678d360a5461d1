{#- Fails on every combination of `combination_of_columns` that occurs more than once
    (a composite primary key; NULLs compare equal). -#}
{% test unique_combination(model, combination_of_columns) %}

select
    {%- for column in combination_of_columns %}
    {{ column }},
    {%- endfor %}
    count(*) as n_rows
from {{ model }}
group by
    {%- for column in combination_of_columns %}
    {{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
having count(*) > 1

{% endtest %}

{#- Fails on every combination of `combination_of_columns` that occurs more than once
    (a composite primary key; NULLs compare equal). Column names are quoted for the
    engine (`group` is a reserved word; a double-quoted name is a string on Spark). -#}
{% test unique_combination(model, combination_of_columns) %}

select
    {{ quoted_columns(combination_of_columns) }},
    count(*) as n_rows
from {{ model }}
group by {{ quoted_columns(combination_of_columns) }}
having count(*) > 1

{% endtest %}

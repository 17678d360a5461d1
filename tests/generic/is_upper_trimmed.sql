{#- Fails on every value that is not trimmed upper-case text (codes after staging). -#}
{% test is_upper_trimmed(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} <> upper(trim({{ column_name }}))

{% endtest %}

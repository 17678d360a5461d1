{#- Fails on every row where `column_name` is earlier than `other_column` (both set). -#}
{% test not_before(model, column_name, other_column) %}

select
    {{ column_name }},
    {{ other_column }}
from {{ model }}
where {{ column_name }} < {{ other_column }}

{% endtest %}

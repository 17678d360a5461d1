{#- Issue 8 item 6: fails on every value that is not a keyed pseudonym (64 lower-case hex
    characters), for example a platform id that reached a mart unpseudonymised. -#}
{% test is_pseudonym(model, column_name) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and not {{ regex_full_match(column_name, '[0-9a-f]{64}') }}

{% endtest %}

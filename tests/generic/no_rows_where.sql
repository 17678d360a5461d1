{#- Fails on every row of `model` where `condition` holds, and writes the first 20 into
    the build's output (columns `naming`) under `message`: the build stops (or, with
    severity warn, warns) naming what to fix. The rows are named in a fixed order
    (`order_by`, an expression over the model's columns; default: the `naming` columns),
    so the same failures always print the same first 20. -#}
{% test no_rows_where(model, condition, naming, message, order_by=none) %}
{%- set failures = 'select ' ~ naming | join(', ') ~ ' from ' ~ model ~ ' where ' ~ condition
    ~ ' order by ' ~ (order_by or naming | join(', ')) -%}
{{ name_failures(failures, message) }}

select *
from ({{ failures }}) as failures

{% endtest %}

{#- Fails on every row of `model` where `condition` holds, and writes the first 20 into
    the build's output (columns `naming`) under `message`: the build stops (or, with
    severity warn, warns) naming what to fix. -#}
{% test no_rows_where(model, condition, naming, message) %}
{%- set failures = 'select ' ~ naming | join(', ') ~ ' from ' ~ model ~ ' where ' ~ condition -%}
{{ name_failures(failures, message) }}

select *
from ({{ failures }}) as failures

{% endtest %}

{% macro quarantine_reason(raw, parsed, invalid_reason, required=true) -%}
    {#- Why a raw value breaks the contract, NULL when it does not:
        missing while required, or present but not parsed into `parsed`. -#}
    case
    {%- if required %}
        when {{ raw }} is null then 'missing required value'
    {%- endif %}
        when {{ raw }} is not null and {{ parsed }} is null then '{{ invalid_reason }}'
    end
{%- endmacro %}

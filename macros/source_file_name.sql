{% macro source_file_name(path_column) -%}
    {#- The file a raw row came from, relative to its export folder (`users_2023-06-30.csv`,
        `month=2023-01/part-0.parquet`), from the reader's full path: the last path element,
        with its month folder for logins. -#}
    regexp_extract({{ path_column }}, '(month=[^/]*/)?[^/]+$', 0)
{%- endmacro %}

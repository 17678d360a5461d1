{% macro source_file_name(path_column, export_name) -%}
    {#- The file a raw row came from, relative to its export folder
        (`users_2023-06-30.csv`, `month=2023-01/part-0.parquet`). -#}
    replace({{ path_column }}, '{{ raw_dir() }}/{{ export_name }}/', '')
{%- endmacro %}

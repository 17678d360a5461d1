{% macro export_loaded_at(relation, column) -%}
    {#- The `loaded_at_query` of a platform source for `dbt source freshness`: the latest
        instant of `column`, parsed as staging parses it (parse_timestamp_utc of the
        trimmed text for a CSV export, the typed column of a Parquet one), so the same on
        both engines (a cast to timestamptz is DuckDB's only; DuckDB's cast to timestamp
        drops the UTC offset). The export is checked and made readable first, as before a
        build (check_raw_export; on Spark the pre-step must have run). -#}
    {%- set export_name = relation.identifier -%}
    {%- do check_raw_export(export_name) -%}
    {%- set contract = export_contract(export_name) -%}
    {%- set expression = column if contract.file_format == 'parquet'
        else parse_timestamp_utc(clean_text(column)) -%}
    select max({{ expression }}) as max_loaded_at from {{ relation }}
{%- endmacro %}

{% macro quarantine_rows(export_name, base_relation, where='is_quarantined') -%}
    {#- One row per contract breach (row x column) found by a base staging model: every
        non-NULL field of its `issue` struct, with the raw value from its `raw` struct, as
        export, source_file, record_key, column_name, raw_value, reason, raw_row_id. One
        scan of the base relation (the rows matching `where`), unpivoted by the contract's
        columns. -#}
    {%- set columns = export_contract(export_name).read_columns | map(attribute='name') | list -%}
    {%- set has_row_id = export_contract(export_name).file_format == 'parquet' -%}
    select * from (
    select
        {{ sql_literal(export_name) }} as export,
        quarantined.source_file,
        quarantined.record_key,
        contract_columns.column_name,
        case contract_columns.column_name
        {%- for column in columns %}
            when {{ sql_literal(column) }} then quarantined.raw.{{ column }}
        {%- endfor %}
        end as raw_value,
        case contract_columns.column_name
        {%- for column in columns %}
            when {{ sql_literal(column) }} then quarantined.issue.{{ column }}
        {%- endfor %}
        end as reason,
        {{ 'quarantined.raw_row_id' if has_row_id else 'cast(null as bigint)' }} as raw_row_id
    from (select * from {{ base_relation }} where {{ where }}) as quarantined
    cross join (
        values
        {%- for column in columns %}
            ({{ sql_literal(column) }}){{ ',' if not loop.last }}
        {%- endfor %}
    ) as contract_columns (column_name)
    ) as breaches
    where reason is not null
{%- endmacro %}

{% macro quarantine_rows(export_name, base_relation, where='is_quarantined') -%}
    {#- One row per contract breach (row x column) found by a base staging model: every
        non-NULL field of its `issue` struct, with the raw value from its `raw` struct, as
        export, source_file, source_sha256 (the file's version), record_key, column_name,
        raw_value, reason, raw_row_id. One
        scan of the base relation (the rows matching `where`), unpivoted by the contract's
        columns. -#}
    {%- set columns = export_contract(export_name).read_columns | map(attribute='name') | list -%}
    {%- set row_id = 'quarantined.raw_row_id'
        if export_contract(export_name).file_format == 'parquet' else 'cast(null as bigint)' -%}
    {%- set raw_values = [] -%}
    {%- set reasons = [] -%}
    {%- set names = [] -%}
    {%- for column in columns -%}
        {%- do raw_values.append('when ' ~ sql_literal(column) ~ ' then quarantined.raw.' ~ column) -%}
        {%- do reasons.append('when ' ~ sql_literal(column) ~ ' then quarantined.issue.' ~ column) -%}
        {%- do names.append('(' ~ sql_literal(column) ~ ')') -%}
    {%- endfor %}
    select
        breaches.export,
        breaches.source_file,
        breaches.source_sha256,
        breaches.record_key,
        breaches.column_name,
        breaches.raw_value,
        breaches.reason,
        breaches.raw_row_id
    from (
        select
            {{ sql_literal(export_name) }} as export,
            quarantined.source_file,
            quarantined.source_sha256,
            quarantined.record_key,
            contract_columns.column_name,
            case contract_columns.column_name {{ raw_values | join(' ') }} end as raw_value,
            case contract_columns.column_name {{ reasons | join(' ') }} end as reason,
            {{ row_id }} as raw_row_id
        from (select * from {{ base_relation }} where {{ where }}) as quarantined
        cross join (values {{ names | join(', ') }}) as contract_columns (column_name)
    ) as breaches
    where breaches.reason is not null
{%- endmacro %}

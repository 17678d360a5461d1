{% macro check_parquet_schemas(export_name, contract, files, hint) -%}
    {#- Part of check_raw_export for a Parquet export: every file has every column staging
        reads, typed as its contract kind says (id: an integer column; timestamp: a
        TIMESTAMP column, never text; code and category: text). One query over the footers
        of all files (no data is read; parquet_schema_rows, dispatched). -#}
    {%- set kinds = {
        'id': ['INT32', 'INT64'],
        'timestamp': ['TIMESTAMP'],
        'code': ['BYTE_ARRAY'],
        'category': ['BYTE_ARRAY'],
    } -%}
    {%- set schema = parquet_schema_rows(files | map(attribute='path') | list) -%}
    {%- for file in files -%}
        {%- set columns = {} -%}
        {%- for row in schema.rows if row['file_name'] == file.path -%}
            {%- do columns.update({row['name']: row}) -%}
        {%- endfor -%}
        {%- for column in contract.read_columns -%}
            {%- if column.name not in columns -%}
                {{ exceptions.raise_compiler_error(
                    "Raw export '" ~ export_name ~ "': file " ~ file.file_name
                    ~ " lacks the required column '" ~ column.name ~ "' (columns: "
                    ~ (columns.keys() | sort | join(', '))[:300] ~ "). " ~ hint
                ) }}
            {%- elif columns[column.name]['kind'] not in kinds[column.kind] -%}
                {{ exceptions.raise_compiler_error(
                    "Raw export '" ~ export_name ~ "': file " ~ file.file_name ~ ": column '"
                    ~ column.name ~ "' is stored as " ~ columns[column.name]['found']
                    ~ ", not as the contract's " ~ column.kind ~ " (a Parquet "
                    ~ kinds[column.kind] | join(' or ') ~ " column"
                    ~ (", UTC without offset" if column.kind == 'timestamp' else "") ~ "). " ~ hint
                ) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endmacro %}

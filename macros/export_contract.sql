{% macro export_contract(export_name) -%}
    {#- The contract of one export, read from the sources YAML (_platform__sources.yml,
        source `platform`): {name, file_format, key, versioned, checks, columns, read_columns}.
        Each column: {name, kind, required, values, values_from, known_values_from, format,
        staging (keep|presence|drop), staged_as, pii}; `read_columns` are the ones staging
        reads (staging <> drop). Only at execution time (graph.sources is empty while dbt
        parses): at parse time it returns an empty contract. -#}
    {%- set empty = {'name': export_name, 'file_format': 'csv', 'key': none, 'versioned': false,
                     'checks': [], 'columns': [], 'read_columns': []} -%}
    {%- if not execute -%}
        {{ return(empty) }}
    {%- endif -%}
    {%- set tables = graph.sources.values() | selectattr('source_name', 'equalto', 'platform')
        | selectattr('name', 'equalto', export_name) | list -%}
    {%- if tables | length != 1 -%}
        {{ exceptions.raise_compiler_error(
            "The export contract (models/staging/platform/_platform__sources.yml) has no table '"
            ~ export_name ~ "'."
        ) }}
    {%- endif -%}
    {%- set table = tables[0] -%}
    {%- set meta = table.meta or table.config.meta or {} -%}
    {%- set columns = [] -%}
    {%- for column in table.columns.values() -%}
        {%- set column_meta = column.meta or column.config.meta or {} -%}
        {%- if not column_meta.get('reader') -%}
            {%- set values_from = column_meta.get('values_from') or [] -%}
            {%- set known_values_from = column_meta.get('known_values_from') or [] -%}
            {%- do columns.append({
                'name': column.name,
                'kind': column_meta.get('kind'),
                'required': column_meta.get('required', false),
                'values': column_meta.get('values'),
                'values_from': [values_from] if values_from is mapping else values_from,
                'known_values_from': [known_values_from] if known_values_from is mapping else known_values_from,
                'format': column_meta.get('format'),
                'staging': column_meta.get('staging', 'keep'),
                'staged_as': column_meta.get('staged_as', column.name),
                'pii': column_meta.get('pii', false),
            }) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return({
        'name': export_name,
        'file_format': meta.get('file_format', 'csv'),
        'key': meta.get('key'),
        'versioned': meta.get('versioned', false),
        'checks': meta.get('checks') or [],
        'columns': columns,
        'read_columns': columns | rejectattr('staging', 'equalto', 'drop') | list,
    }) }}
{%- endmacro %}

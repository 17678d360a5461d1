{% macro seed_values(seed_columns) -%}
    {#- The distinct non-NULL values of a list of {seed, column}, as text, sorted; read at
        execution time from the built seeds, which must be declared parents of the calling
        model. Empty while dbt parses and in `--empty` runs. -#}
    {%- set values = [] -%}
    {%- if execute -%}
        {%- for item in seed_columns -%}
            {%- set seed_id = 'seed.' ~ project_name ~ '.' ~ item.seed -%}
            {%- if model.depends_on is defined and seed_id not in model.depends_on.nodes -%}
                {{ exceptions.raise_compiler_error(
                    "The export contract reads seed '" ~ item.seed ~ "' for " ~ model.name
                    ~ ": add the line `-- depends_on: {{ ref('" ~ item.seed ~ "') }}` to "
                    ~ model.original_file_path ~ "."
                ) }}
            {%- endif -%}
            {%- set rows = run_query(
                'select distinct cast(' ~ item.column ~ ' as ' ~ dbt.type_string() ~ ') as value from '
                ~ ref(item.seed) ~ ' where ' ~ item.column ~ ' is not null'
            ) -%}
            {%- for value in rows.columns[0].values() -%}
                {%- do values.append(value) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(values | unique | sort) }}
{%- endmacro %}

{% macro export_relations(prefix='base_platform__', file_format=none) -%}
    {#- [export, relation] for every export of the contract (optionally of one file
        format), the relation being the model `prefix ~ export`. dbt learns a model's
        parents while parsing, before the contract can be read, so the calling model names
        them in `-- depends_on:` lines; a missing one stops the build saying which line to
        add. Empty while dbt parses. -#}
    {%- set relations = [] -%}
    {%- if execute -%}
        {%- for export in export_names() -%}
            {%- if file_format is none or export_contract(export).file_format == file_format -%}
                {%- set node_id = 'model.' ~ project_name ~ '.' ~ prefix ~ export -%}
                {%- if node_id not in model.depends_on.nodes -%}
                    {{ exceptions.raise_compiler_error(
                        model.name ~ " reads every export of the contract: add the line"
                        ~ " `-- depends_on: {{ ref('" ~ prefix ~ export ~ "') }}` to "
                        ~ model.original_file_path ~ "."
                    ) }}
                {%- endif -%}
                {%- do relations.append([export, ref(prefix ~ export)]) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(relations) }}
{%- endmacro %}

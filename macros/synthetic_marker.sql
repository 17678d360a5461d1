{% macro synthetic_marker() -%}
    {#- A one-row query (is_synthetic, synthetic_scale, synthetic_seed): whether the raw
        directory holds the generator's marker `_synthetic.json` at its root (the file
        inventory ignores it by rule; exports.synthetic_info reads it the same way), and
        the generator's scale and seed from it. The generator's truth file beside it
        is never read. Dispatched: DuckDB reads the file with
        read_text; Spark with binaryFile, its presence from the raw-file inventory. -#}
    {%- if not execute -%}
        {{ return(synthetic_marker_absent()) }}
    {%- endif -%}
    {{ return(adapter.dispatch('synthetic_marker', 'impact_warehouse')(raw_dir() ~ '/_synthetic.json')) }}
{%- endmacro %}

{% macro synthetic_marker_absent() -%}
    {{ return(
        'select false as is_synthetic, cast(null as double) as synthetic_scale,'
        ~ ' cast(null as bigint) as synthetic_seed'
    ) }}
{%- endmacro %}

{% macro default__synthetic_marker(path) -%}
    {%- set found = run_query(
        'select count(*) from glob(' ~ sql_literal(path, glob=true) ~ ')'
    ).columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ return(synthetic_marker_absent()) }}
    {%- endif -%}
    {{ return(
        "select true as is_synthetic,"
        ~ " try_cast(json_extract_string(content, '$.scale') as double) as synthetic_scale,"
        ~ " try_cast(json_extract_string(content, '$.seed') as bigint) as synthetic_seed"
        ~ " from read_text(" ~ sql_literal(path, glob=true) ~ ")"
    ) }}
{%- endmacro %}

{% macro spark__synthetic_marker(path) -%}
    {%- set found = run_query(
        "select count(*) from (" ~ raw_files_inventory() ~ ") as inventory"
        ~ " where file_path = '_synthetic.json'"
    ).columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ return(synthetic_marker_absent()) }}
    {%- endif -%}
    {{ return(
        "select true as is_synthetic, marker.scale as synthetic_scale,"
        ~ " marker.seed as synthetic_seed from (select from_json(cast(content as string),"
        ~ " 'scale double, seed bigint') as marker from binaryFile.`" ~ path ~ "`) as parsed"
    ) }}
{%- endmacro %}

{% macro synthetic_marker() -%}
    {#- A one-row query (is_synthetic, synthetic_scale, synthetic_seed): whether the raw
        directory holds the generator's marker `_synthetic.json` at its root (the file
        inventory ignores it by rule; exports.synthetic_info reads it the same way), and
        the generator's scale and seed from it. The generator's truth file beside it
        is never read. Dispatched: DuckDB reads the file with
        read_text; Spark reads its text from the raw-file inventory (json_text). -#}
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
    {#- From the pre-step's inventory (json_text): Spark's file readers skip a file whose
        name starts with `_`, so binaryFile cannot read the marker. -#}
    {%- set found = run_query(
        "select count(*) from " ~ spark_raw_files_relation() ~ " as inventory"
        ~ " where file_path = '_synthetic.json'"
    ).columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ return(synthetic_marker_absent()) }}
    {%- endif -%}
    {{ return(
        "select true as is_synthetic, marker.scale as synthetic_scale,"
        ~ " marker.seed as synthetic_seed from (select from_json(json_text,"
        ~ " 'scale double, seed bigint') as marker from " ~ spark_raw_files_relation()
        ~ " as inventory where file_path = '_synthetic.json') as parsed"
    ) }}
{%- endmacro %}

{% macro raw_dir() -%}
    {#- The raw directory (RAW_EXPORTS.md) as an ABSOLUTE path: IMPACT_RAW_DIR, default
        data/raw; a relative value is joined to the project root (DBT_PROJECT_DIR when set,
        else the profiles dir, which is the project root: profiles.yml is committed there).
        Same rule as the external_location of _platform__sources.yml (sources cannot call
        macros): keep the two in sync. -#}
    {%- set raw = env_var('IMPACT_RAW_DIR', 'data/raw') | trim -%}
    {%- set root = env_var('DBT_PROJECT_DIR', flags.PROFILES_DIR) | string -%}
    {%- if raw.startswith('/') -%}
        {{ raw.rstrip('/') }}
    {%- else -%}
        {{ root.rstrip('/') ~ '/' ~ raw.rstrip('/') }}
    {%- endif -%}
{%- endmacro %}

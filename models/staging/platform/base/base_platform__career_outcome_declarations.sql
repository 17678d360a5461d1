{#- Every raw row of career_outcome_declarations/, judged by its whole contract: the rows staged by file
    (base_platform__career_outcome_declarations_parsed) and the rules that compare files (macro
    judge_raw_export). A view: recomputed from the staged rows on every build. -#}
{{ config(materialized='view') }}
{%- set parsed = ref('base_platform__career_outcome_declarations_parsed') %}
{{ judge_raw_export('career_outcome_declarations', parsed) }}

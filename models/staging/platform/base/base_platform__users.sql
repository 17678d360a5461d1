{#- Every raw row of users/, judged by its whole contract: the rows staged by file
    (base_platform__users_parsed) and the rules that compare files (macro
    judge_raw_export). A view: recomputed from the staged rows on every build. -#}
{{ config(materialized='view') }}
{{ judge_raw_export('users', ref('base_platform__users_parsed')) }}

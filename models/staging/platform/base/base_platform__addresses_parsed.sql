{#- Every raw row of addresses/, parsed and judged by the rules of its contract that need only its own file
    (macro stage_raw_export), staged once per file version.
    A country code of two letters that is no country of the seed is kept (M-RES-1 counts it
    as unknown) and named by a warning; anything else is quarantined. -#}
-- depends_on: {{ ref('countries') }}
{{ config(materialized=staged_materialization(), staged_export='addresses') }}
{{ stage_raw_export('addresses') }}

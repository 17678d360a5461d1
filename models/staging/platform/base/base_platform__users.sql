{#- Every raw row of users/, parsed and judged by its contract (macro stage_raw_export). -#}
{{ stage_raw_export('users') }}

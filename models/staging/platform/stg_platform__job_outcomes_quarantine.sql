{#- One row per contract breach in job_outcomes/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('job_outcomes', ref('base_platform__job_outcomes'), 'response_id') }}

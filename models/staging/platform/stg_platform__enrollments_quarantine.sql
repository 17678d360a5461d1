{#- One row per contract breach in enrollments/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('enrollments', ref('base_platform__enrollments'), 'enrollment_id') }}

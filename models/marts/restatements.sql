{#- G-12: every frozen figure (G-11) whose recomputation by this build differs: counts
    not equal, suppression changed, value more than 1e-12 away (or NULL on one side
    only), or no longer computed at all. The comparison tolerates nothing else: the
    frozen value is read back exactly. Empty when nothing moved. -#}
{%- set policy = var('restatement_policy', 'fail') | string | trim | lower -%}
{%- if policy not in ['fail', 'warn'] -%}
    {{ exceptions.raise_compiler_error(
        "var restatement_policy is '" ~ var('restatement_policy') ~ "': it must be 'fail'"
        ~ " (default: an unapproved restatement fails the build) or 'warn'."
    ) }}
{%- endif %}

with

frozen_figures as (
    select * from {{ ref('stg_editions__figures') }}
),

edition_files as (
    select * from {{ ref('stg_editions__files') }}
),

approvals as (
    select * from {{ ref('stg_editions__restatement_approvals') }}
),

figures as (
    select * from {{ ref('int_figures_unioned') }}
),

raw_files as (
    select * from {{ ref('dq_raw_files') }}
),

compared as (
    select
        frozen_figures.edition,
        frozen_figures.indicator,
        frozen_figures.year,
        frozen_figures.segment,
        frozen_figures.dimension,
        frozen_figures.group_name,
        frozen_figures.value as frozen_value,
        figures.value as recomputed_value,
        frozen_figures.numerator as frozen_numerator,
        figures.numerator as recomputed_numerator,
        frozen_figures.denominator as frozen_denominator,
        figures.denominator as recomputed_denominator,
        case
            when figures.indicator is null then 'no longer computed'
            when frozen_figures.is_suppressed <> figures.is_suppressed then 'suppression'
            when
                not (frozen_figures.numerator is not distinct from figures.numerator)
                or not (frozen_figures.denominator is not distinct from figures.denominator)
                then 'counts'
            when
                (frozen_figures.value is null) <> (figures.value is null)
                or abs(figures.value - frozen_figures.value) > 1e-12
                then 'value'
        end as what_changed
    from frozen_figures
    left join figures
        on
            frozen_figures.indicator = figures.indicator
            and frozen_figures.year = figures.year
            and frozen_figures.segment = figures.segment
            and frozen_figures.dimension is not distinct from figures.dimension
            and frozen_figures.group_name is not distinct from figures.group_name
),

editions as (
    select distinct edition
    from frozen_figures
),

files_read as (
    -- the export files this build computed its figures from
    select
        editions.edition,
        raw_files.file_path,
        raw_files.size_bytes,
        raw_files.sha256
    from editions
    cross join raw_files
    where raw_files.disposition = 'read'
),

file_changes as (
    select
        coalesce(edition_files.edition, files_read.edition) as edition,
        coalesce(edition_files.file_path, files_read.file_path) as file_path,
        case
            when edition_files.file_path is null then 'added'
            when files_read.file_path is null then 'removed'
            when
                edition_files.sha256 <> files_read.sha256
                or edition_files.size_bytes <> files_read.size_bytes
                then 'changed'
        end as change
    from edition_files
    full outer join files_read
        on
            edition_files.edition = files_read.edition
            and edition_files.file_path = files_read.file_path
),

changed_files as (
    select
        edition,
        {{ sorted_string_agg("file_path || ' (' || change || ')'", "'; '") }} as changed_files
    from file_changes
    where change is not null
    group by edition
),

final as (
    select
        compared.edition,
        compared.indicator,
        compared.year,
        compared.segment,
        compared.dimension,
        compared.group_name as {{ adapter.quote('group') }},
        concat_ws(
            ' ',
            compared.indicator,
            cast(compared.year as {{ dbt.type_string() }}),
            compared.segment,
            case
                when compared.dimension is not null
                    then compared.dimension || '=' || compared.group_name
            end
        ) as figure,
        compared.frozen_value,
        compared.recomputed_value,
        compared.recomputed_value - compared.frozen_value as difference,
        compared.frozen_numerator,
        compared.recomputed_numerator,
        compared.frozen_denominator,
        compared.recomputed_denominator,
        compared.what_changed,
        changed_files.changed_files,
        approvals.edition is not null as is_approved,
        approvals.reason,
        approvals.approved_on
    from compared
    left join changed_files
        on compared.edition = changed_files.edition
    left join approvals
        on
            compared.edition = approvals.edition
            and compared.indicator = approvals.indicator
            and compared.year = approvals.year
            and compared.segment = approvals.segment
            and compared.dimension is not distinct from approvals.dimension
            and compared.group_name is not distinct from approvals.group_name
    where compared.what_changed is not null
)

select * from final

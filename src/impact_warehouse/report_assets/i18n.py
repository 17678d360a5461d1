"""The published report's words, in English and French: the one translation table.

The source report (2023) is French and was published in English; its wording is kept
where it describes what is measured, and its statements about the figures are made
from the computed figures (a rise says "rose", a fall "fell"). English labels of the
indicators are the registry's (`indicators.label_of`); their French labels and the
plain sentence of each indicator live here, keyed by indicator name, and a test checks
that every indicator of the registry has them.

Placeholders: {value} the figure, {num} and {den} its counts, {year}, {previous} (the
year before), {next_year}.
"""

from __future__ import annotations

from impact_warehouse.indicators import label_of

Words = dict[str, str]

WORDS: dict[str, Words] = {
    "en": {
        "lang_name": "English",
        "other_language": "Version française",
        "kicker": "Impact report",
        "title": "Impact report {year}",
        "subtitle": "Impacting students",
        "figures_as_of": "Figures as of {date}",
        "figures_as_of_unknown": "The date of the figures is not recorded in the warehouse",
        "edition": "Edition {edition}",
        "edition_frozen": "Edition {edition}, frozen on {date}",
        "edition_none": "Not yet a frozen edition: these figures may still be revised",
        "edition_differs": (
            "Not a frozen edition: some figures differ from edition {edition} and are under review"
        ),
        "corrected_one": "1 figure corrected since publication",
        "corrected_many": "{count} figures corrected since publication",
        "frozen_note": (
            "This page is edition {edition} as published, rendered from its frozen figures "
            "alone. Not frozen with the edition, and left out: the kinds of career outcomes, "
            "the countries table and the comparison with the previous year's mix of students."
        ),
        "code_version": "code version {version}",
        "synthetic_title": "Synthetic data: not real figures",
        "synthetic_body": (
            "These figures were computed from synthetic exports made by the project's "
            "generator{details}, not from the platform's data. They describe no real "
            "student. Rates read like the published report's; counts are {scale_text}."
        ),
        "synthetic_details": " (scale {scale}, seed {seed})",
        "synthetic_scale": "about {percent} of the platform's",
        "synthetic_scale_unknown": "a fraction of the platform's",
        "provenance_real": "Computed from the platform's exports.",
        "provenance_unknown": (
            "The warehouse does not record whether these figures come from the platform's "
            "exports or from synthetic ones."
        ),
        "print_synthetic": "SYNTHETIC DATA: NOT REAL FIGURES",
        "page": "page",
        "nav_label": "Sections",
        "intro": (
            "Having a positive impact on our students' lives goes beyond providing access to "
            "education. It's about empowering them to transform their lives by equipping them "
            "with skills that enhance their employability. When assessing our impact on "
            "students, we must consider their backgrounds and the obstacles they face: our "
            "ability to help them overcome these barriers can significantly influence their "
            "outcomes. In essence, the greater the obstacle, the greater our impact."
        ),
        # sections
        "section_access": "Breaking barriers to education",
        "section_careers": "Career outcomes",
        "section_students": "Who our students are",
        "section_background": "Outcomes by background",
        "section_residence": "Where our students live",
        "section_reach": "Reach",
        "section_restatements": "Corrections since edition {edition}",
        "section_method": "Methodological note on data collection",
        "access_intro": (
            "The barriers to education our students face include limited access to prior "
            "education, financial constraints, geographical or social limitations, and "
            "stereotypes and biases in decision-making. Learning or physical disabilities may "
            "further impede their educational journey."
        ),
        "access_measures": (
            "That is why we measure how well we help our students access education, particularly:"
        ),
        "measure_orientation": (
            "the rate of applicants to one of our training paths who are admitted and become "
            "students, the “orientation rate”;"
        ),
        "measure_graduation": (
            "the rate of students who graduate within the expected timeframe, the “graduation "
            "rate”;"
        ),
        "measure_placement": (
            "the rate of graduates who find a job within 6 months of graduating, the “job "
            "placement rate”."
        ),
        "placement_nb": (
            "The job placement rate counts a job started within 6 months of graduation. To "
            "give the six-month job search to every graduate of the year, it is reported from "
            "June to June: the rate of the graduates of {year} is final on June 30, "
            "{next_year}."
        ),
        "growth_sentence": (
            "The number of applicants {direction} by {growth} between {previous} and {year} "
            "({den} then {num}), while the orientation rate went from {before} to {after}."
        ),
        "grew": "grew",
        "shrank": "shrank",
        "also_measured": "Also measured",
        "previous_year": "{year}",
        "careers_intro": (
            "Breaking barriers to education is not the only impact we have or measure. Our "
            "end goal is that people who use the platform to learn new skills are able to "
            "leverage them to achieve a positive career outcome. We count one positive career "
            "outcome when an active user of the platform credits it with having helped them:"
        ),
        "career_way_job": "find a new job, internship or apprenticeship;",
        "career_way_business": "start a new business;",
        "career_way_title": "obtain a new job title and/or a salary increase;",
        "career_way_mobility": "move to a new job through internal mobility.",
        "careers_once": (
            "Each career outcome is counted only once for the same person over a 12-month period."
        ),
        "careers_record": "{year} is a new record, with",
        "careers_count": "In {year}, the platform registered",
        "careers_big_caption": "positive career outcomes",
        "careers_chart": "Number of career outcomes over the years",
        "careers_chart_note": "(including free users, apprentices and students)",
        "careers_segments_chart": "Career outcomes by kind of user",
        "careers_segments_note": (
            "Each kind of user on its own scale: free users are by far the most numerous."
        ),
        "careers_free_users": (
            "Beyond our students, the platform also has an impact on its free users: in "
            "{year}, {num} people who used it for free credited it with helping them advance "
            "their careers."
        ),
        "careers_apprentices_intro": (
            "Measuring our impact on each kind of student, we found a group that excels: our "
            "apprentices. Apprenticeships can play a powerful part in helping young people "
            "into work."
        ),
        "apprentices_caption": "of apprentices found a job within 6 months of graduating",
        "outcome_types_chart": "Career outcomes of {year} by kind of outcome",
        "graduate_outcomes_chart": "What the graduates of {year} were doing",
        "graduate_outcomes_note": (
            "Each graduate counted once, by their best answer to the placement survey."
        ),
        "students_intro": (
            "While striving to enhance our impact, we must make sure we remove the barriers "
            "to education for those who need it most: who our students are matters greatly."
        ),
        "students_nb": (
            "Many students belong to several categories at once: an individual may be "
            "unemployed and live in an underserved area."
        ),
        "students_any": (
            "{value} of our students of {year} fit into at least one of the underserved categories."
        ),
        "background_intro": (
            "How students fare, by their background: each bar is the rate of one group, with "
            "its 95% confidence interval."
        ),
        "benchmark_sentence": (
            "{label}: {observed} in {year}. Had each kind of student fared as in {reference}, "
            "it would have been {expected}: the change in how students fare accounts for "
            "{value_added} points, the change in who they are for {mix_effect}."
        ),
        "residence_sentence": (
            "The share of our students living in France {direction} from {before} in "
            "{previous} to {after} in {year}."
        ),
        "went_up": "rose",
        "went_down": "fell",
        "stayed": "stayed the same,",
        "abroad_caption": "of our students lived outside France in {year}",
        "regions_chart": "Our students by region of residence",
        "countries_table": "Countries where most of our students of {year} lived",
        "country": "Country",
        "students": "Students",
        "share": "Share",
        "countries_note": "Countries with too few students to publish are not listed.",
        "reach_countries": "Our free users logged in to the platform from",
        "reach_countries_caption": "countries across the world in {year}",
        "reach_free_users_caption": "people used the platform for free in {year}",
        "restatements_intro": (
            "These figures of edition {edition} were corrected after it was published; this "
            "page shows the corrected values."
        ),
        "restatements_frozen_intro": (
            "These figures of edition {edition} were corrected after it was published; this "
            "page shows them as published, the current report shows the corrected values."
        ),
        "restated_values": "Published {frozen}, now {recomputed}",
        "restated_published": "Published {frozen}",
        "restated_not_shown": "not shown (too few people)",
        "restated_not_computed": "no longer computed",
        "restated_reason": "Reason: {reason} (corrected on {date})",
        "restated_reason_undated": "Reason: {reason}",
        "restated_graduates": "Graduates of {year}: {status}",
        "restated_group": "{label}, {dimension}: {group}",
        "method_changes": (
            "Some of our calculation methods have evolved or require clarification:"
        ),
        "method_underserved": (
            "The share of students living in underserved areas considers only students "
            "residing in France for whom we have an exact address, which lets us check "
            "whether they live in a priority neighbourhood."
        ),
        "method_self_reported": (
            "Some demographic data are self-reported: students are not required, or may not "
            "be able, to prove that they belong to a category. A student who states having "
            "no qualification above the baccalaureate cannot prove it."
        ),
        "method_tech": (
            "The share of women in our Tech paths covers the Cybersecurity, Data, Design, "
            "Development, Project Management, Supply Chain, and System and Network "
            "programmes."
        ),
        "method_placement": (
            "The job placement rate counts the students who found a job within six months of "
            "graduating. For the students of a calendar year, six months are added so that "
            "those who graduated at the end of the year have time to find a job: the figure "
            "is final each year on June 30 for the students of the previous year."
        ),
        "method_provisional": (
            "A figure marked provisional is not final at the date of the figures and may "
            "still change."
        ),
        "method_small_cells": (
            "A figure built from too few people to protect their privacy is not shown (—)."
        ),
        "method_intervals": (
            "A 95% confidence interval gives the range a rate would likely fall in had other "
            "students of the same kind enrolled; a change is called significant when chance "
            "alone is unlikely to explain it."
        ),
        "footer": (
            "Computed by the impact warehouse from the marts of the date above. Page generated "
            "on {date}."
        ),
        # figure states
        "provisional": "provisional",
        "provisional_until": "Provisional until {date}.",
        "suppressed": "Not shown: too few people to protect their privacy.",
        "no_data": "No figure for this year.",
        "interval": "95% confidence interval: {low} to {high}.",
        "change_significant": "Change on {previous}: {change} points, statistically significant.",
        "change_not_significant": (
            "Change on {previous}: {change} points, not statistically significant."
        ),
        "of": "{num} of {den}",
    },
    "fr": {
        "lang_name": "Français",
        "other_language": "English version",
        "kicker": "Rapport d'impact",
        "title": "Rapport d'impact {year}",
        "subtitle": "Notre impact sur les étudiants",
        "figures_as_of": "Chiffres arrêtés au {date}",
        "figures_as_of_unknown": "La date des chiffres n'est pas enregistrée dans l'entrepôt",
        "edition": "Édition {edition}",
        "edition_frozen": "Édition {edition}, figée le {date}",
        "edition_none": ("Pas encore une édition figée : ces chiffres peuvent encore être révisés"),
        "edition_differs": (
            "Pas une édition figée : certains chiffres diffèrent de l'édition {edition} et "
            "sont en cours de vérification"
        ),
        "corrected_one": "1 chiffre corrigé depuis la publication",
        "corrected_many": "{count} chiffres corrigés depuis la publication",
        "frozen_note": (
            "Cette page est l'édition {edition} telle que publiée, produite à partir de ses "
            "seuls chiffres figés. Non figés avec l'édition, et donc absents : les types "
            "d'évolution professionnelle, le tableau des pays et la comparaison avec le profil "
            "des étudiants de l'année précédente."
        ),
        "code_version": "version du code {version}",
        "synthetic_title": "Données synthétiques : ces chiffres ne sont pas réels",
        "synthetic_body": (
            "Ces chiffres ont été calculés à partir d'exports synthétiques produits par le "
            "générateur du projet{details}, et non à partir des données de la plateforme. Ils "
            "ne décrivent aucun étudiant réel. Les taux se lisent comme ceux du rapport "
            "publié ; les effectifs représentent {scale_text}."
        ),
        "synthetic_details": " (échelle {scale}, graine {seed})",
        "synthetic_scale": "environ {percent} de ceux de la plateforme",
        "synthetic_scale_unknown": "une fraction de ceux de la plateforme",
        "provenance_real": "Calculé à partir des exports de la plateforme.",
        "provenance_unknown": (
            "L'entrepôt n'indique pas si ces chiffres proviennent des exports de la "
            "plateforme ou d'exports synthétiques."
        ),
        "print_synthetic": "DONNÉES SYNTHÉTIQUES : CHIFFRES NON RÉELS",
        "page": "page",
        "nav_label": "Sections",
        "intro": (
            "Avoir un impact positif sur la vie de nos étudiants ne se limite pas à leur "
            "donner accès à l'éducation. Il s'agit de leur donner les moyens de transformer "
            "leur vie en les dotant de compétences qui renforcent leur employabilité. Pour "
            "mesurer notre impact, nous devons tenir compte de leur parcours et des obstacles "
            "qu'ils rencontrent : notre capacité à les aider à surmonter ces obstacles peut "
            "fortement influencer leur réussite. En somme, plus l'obstacle est grand, plus "
            "notre impact l'est aussi."
        ),
        "section_access": "Lever les obstacles à l'éducation",
        "section_careers": "Évolutions professionnelles",
        "section_students": "Qui sont nos étudiants",
        "section_background": "Réussite selon le profil",
        "section_residence": "Où vivent nos étudiants",
        "section_reach": "Portée",
        "section_restatements": "Corrections depuis l'édition {edition}",
        "section_method": "Note méthodologique sur la collecte des données",
        "access_intro": (
            "Les obstacles à l'éducation que rencontrent nos étudiants sont multiples : accès "
            "limité à une formation antérieure, contraintes financières, limites "
            "géographiques ou sociales, stéréotypes et biais dans les prises de décision. Des "
            "troubles de l'apprentissage ou un handicap physique peuvent aussi freiner leur "
            "parcours."
        ),
        "access_measures": (
            "C'est pourquoi nous mesurons notre efficacité à aider nos étudiants à accéder à "
            "l'éducation, en particulier :"
        ),
        "measure_orientation": (
            "le taux de candidats à l'un de nos parcours qui sont admis et deviennent "
            "étudiants, le « taux d'orientation » ;"
        ),
        "measure_graduation": (
            "le taux d'étudiants diplômés dans le délai prévu, le « taux de diplomation » ;"
        ),
        "measure_placement": (
            "le taux de diplômés qui trouvent un emploi dans les 6 mois suivant leur "
            "diplôme, le « taux d'insertion professionnelle »."
        ),
        "placement_nb": (
            "Le taux d'insertion professionnelle compte un emploi commencé dans les 6 mois "
            "suivant le diplôme. Pour laisser six mois de recherche d'emploi à chaque diplômé "
            "de l'année, il est calculé de juin à juin : le taux des diplômés de {year} est "
            "définitif le 30 juin {next_year}."
        ),
        "growth_sentence": (
            "Le nombre de candidats a {direction} de {growth} entre {previous} et {year} "
            "({den} puis {num}), tandis que le taux d'orientation est passé de {before} à "
            "{after}."
        ),
        "grew": "augmenté",
        "shrank": "diminué",
        "also_measured": "Également mesurés",
        "previous_year": "{year}",
        "careers_intro": (
            "Lever les obstacles à l'éducation n'est pas le seul impact que nous avons ou "
            "mesurons. Notre objectif final : que les personnes qui apprennent de nouvelles "
            "compétences sur la plateforme puissent s'en servir pour connaître une évolution "
            "professionnelle positive. Nous comptons une évolution professionnelle positive "
            "lorsqu'un utilisateur actif de la plateforme déclare qu'elle l'a aidé à :"
        ),
        "career_way_job": "trouver un nouvel emploi, un stage ou une alternance ;",
        "career_way_business": "créer une entreprise ;",
        "career_way_title": "obtenir un nouveau poste et/ou une augmentation de salaire ;",
        "career_way_mobility": "changer de poste par mobilité interne.",
        "careers_once": (
            "Chaque évolution professionnelle n'est comptée qu'une fois pour une même "
            "personne sur une période de 12 mois."
        ),
        "careers_record": "{year} est une année record, avec",
        "careers_count": "En {year}, la plateforme a enregistré",
        "careers_big_caption": "évolutions professionnelles positives",
        "careers_chart": "Nombre d'évolutions professionnelles au fil des années",
        "careers_chart_note": "(utilisateurs gratuits, alternants et étudiants compris)",
        "careers_segments_chart": "Évolutions professionnelles par type d'utilisateur",
        "careers_segments_note": (
            "Chaque type d'utilisateur sur sa propre échelle : les utilisateurs gratuits sont "
            "de loin les plus nombreux."
        ),
        "careers_free_users": (
            "Au-delà de nos étudiants, la plateforme a aussi un impact sur ses utilisateurs "
            "gratuits : en {year}, {num} personnes qui l'ont utilisée gratuitement ont déclaré "
            "qu'elle les avait aidées à faire évoluer leur carrière."
        ),
        "careers_apprentices_intro": (
            "En mesurant notre impact sur chaque type d'étudiant, nous avons identifié un "
            "groupe qui excelle : nos alternants. L'alternance peut jouer un rôle déterminant "
            "dans l'insertion des jeunes sur le marché du travail."
        ),
        "apprentices_caption": (
            "des alternants ont trouvé un emploi dans les 6 mois suivant leur diplôme"
        ),
        "outcome_types_chart": "Évolutions professionnelles de {year} par nature",
        "graduate_outcomes_chart": "Ce que faisaient les diplômés de {year}",
        "graduate_outcomes_note": (
            "Chaque diplômé compté une fois, selon sa meilleure réponse à l'enquête d'insertion."
        ),
        "students_intro": (
            "Tout en cherchant à renforcer notre impact, nous devons nous assurer de lever "
            "les obstacles à l'éducation pour celles et ceux qui en ont le plus besoin : le "
            "profil de nos étudiants compte beaucoup."
        ),
        "students_nb": (
            "Beaucoup d'étudiants appartiennent à plusieurs catégories à la fois : une même "
            "personne peut être demandeuse d'emploi et résider dans un quartier prioritaire."
        ),
        "students_any": (
            "{value} de nos étudiants de {year} appartiennent à au moins une des catégories "
            "sous-représentées."
        ),
        "background_intro": (
            "La réussite des étudiants selon leur profil : chaque barre est le taux d'un "
            "groupe, avec son intervalle de confiance à 95 %."
        ),
        "benchmark_sentence": (
            "{label} : {observed} en {year}. Si chaque profil d'étudiant avait réussi comme "
            "en {reference}, il aurait été de {expected} : l'évolution de la réussite des "
            "étudiants compte pour {value_added} points, celle de leur profil pour "
            "{mix_effect}."
        ),
        "residence_sentence": (
            "La part de nos étudiants résidant en France {direction} de {before} en "
            "{previous} à {after} en {year}."
        ),
        "went_up": "est passée",
        "went_down": "est passée",
        "stayed": "est restée stable, passant",
        "abroad_caption": "de nos étudiants vivaient hors de France en {year}",
        "regions_chart": "Nos étudiants par région de résidence",
        "countries_table": "Pays où vivaient le plus d'étudiants en {year}",
        "country": "Pays",
        "students": "Étudiants",
        "share": "Part",
        "countries_note": (
            "Les pays comptant trop peu d'étudiants pour être publiés n'y figurent pas."
        ),
        "reach_countries": "Nos utilisateurs gratuits se sont connectés à la plateforme depuis",
        "reach_countries_caption": "pays à travers le monde en {year}",
        "reach_free_users_caption": "personnes ont utilisé la plateforme gratuitement en {year}",
        "restatements_intro": (
            "Ces chiffres de l'édition {edition} ont été corrigés après sa publication ; "
            "cette page montre les valeurs corrigées."
        ),
        "restatements_frozen_intro": (
            "Ces chiffres de l'édition {edition} ont été corrigés après sa publication ; "
            "cette page les montre tels que publiés, le rapport actuel montre les valeurs "
            "corrigées."
        ),
        "restated_values": "Publié : {frozen}, désormais : {recomputed}",
        "restated_published": "Publié : {frozen}",
        "restated_not_shown": "non affiché (trop peu de personnes)",
        "restated_not_computed": "plus calculé",
        "restated_reason": "Raison : {reason} (corrigé le {date})",
        "restated_reason_undated": "Raison : {reason}",
        "restated_graduates": "Diplômés de {year} : {status}",
        "restated_group": "{label}, {dimension} : {group}",
        "method_changes": (
            "Certaines de nos méthodes de calcul ont évolué ou méritent d'être précisées :"
        ),
        "method_underserved": (
            "La part des étudiants résidant dans un quartier prioritaire ne considère que les "
            "étudiants résidant en France dont nous avons l'adresse exacte, ce qui permet de "
            "vérifier s'ils habitent un quartier prioritaire de la politique de la ville."
        ),
        "method_self_reported": (
            "Certaines données démographiques sont déclaratives : les étudiants ne sont pas "
            "tenus, ou pas en mesure, de prouver leur appartenance à une catégorie. Un "
            "étudiant qui déclare ne pas avoir de diplôme supérieur au baccalauréat ne peut "
            "pas le prouver."
        ),
        "method_tech": (
            "La part des femmes dans nos parcours Tech couvre les parcours Cybersécurité, "
            "Data, Design, Développement, Gestion de projet, Supply Chain, et Systèmes et "
            "réseaux."
        ),
        "method_placement": (
            "Le taux d'insertion professionnelle compte les étudiants qui ont trouvé un "
            "emploi dans les six mois suivant leur diplôme. Pour les étudiants d'une année "
            "civile, six mois sont ajoutés afin que ceux qui sont diplômés en fin d'année "
            "aient le temps de trouver un emploi : le chiffre est définitif chaque année le "
            "30 juin pour les étudiants de l'année précédente."
        ),
        "method_provisional": (
            "Un chiffre marqué provisoire n'est pas définitif à la date d'arrêté des chiffres "
            "et peut encore évoluer."
        ),
        "method_small_cells": (
            "Un chiffre calculé sur trop peu de personnes pour protéger leur vie privée "
            "n'est pas affiché (—)."
        ),
        "method_intervals": (
            "Un intervalle de confiance à 95 % donne la fourchette dans laquelle un taux "
            "aurait probablement été si d'autres étudiants du même profil s'étaient inscrits ; "
            "une évolution est dite significative quand le hasard seul l'explique mal."
        ),
        "footer": (
            "Calculé par l'entrepôt d'impact, à la date d'arrêté indiquée plus haut. Page "
            "générée le {date}."
        ),
        "provisional": "provisoire",
        "provisional_until": "Provisoire jusqu'au {date}.",
        "suppressed": "Non affiché : trop peu de personnes pour protéger leur vie privée.",
        "no_data": "Pas de chiffre pour cette année.",
        "interval": "Intervalle de confiance à 95 % : de {low} à {high}.",
        "change_significant": (
            "Évolution par rapport à {previous} : {change} points, statistiquement significative."
        ),
        "change_not_significant": (
            "Évolution par rapport à {previous} : {change} points, non significative "
            "statistiquement."
        ),
        "of": "{num} sur {den}",
    },
}

# (French label, English sentence, French sentence), by indicator of the registry.
INDICATORS: dict[str, tuple[str, str, str]] = {
    "applicants": (
        "Candidats",
        "{num} people applied to a training path in {year}.",
        "{num} personnes ont candidaté à un parcours en {year}.",
    ),
    "applicants_growth": (
        "Croissance du nombre de candidats",
        "The number of applicants changed by {value} between {previous} and {year}.",
        "Le nombre de candidats a évolué de {value} entre {previous} et {year}.",
    ),
    "orientation_rate": (
        "Taux d'orientation",
        "{value} of the people who applied in {year} became students ({of}).",
        "{value} des personnes qui ont candidaté en {year} sont devenues étudiantes ({of}).",
    ),
    "graduation_rate": (
        "Taux de diplomation",
        "{value} of the students due to finish their path in {year} graduated on time ({of}).",
        "{value} des étudiants dont le parcours devait s'achever en {year} ont été diplômés "
        "dans les temps ({of}).",
    ),
    "graduation_rate_150": (
        "Taux de diplomation en 150 % de la durée",
        "{value} of them graduated within one and a half times the planned duration ({of}).",
        "{value} d'entre eux ont été diplômés en moins d'une fois et demie la durée prévue ({of}).",
    ),
    "job_placement_rate": (
        "Taux d'insertion professionnelle",
        "{value} of the students who graduated in {year} found a job within 6 months ({of}).",
        "{value} des étudiants diplômés en {year} ont trouvé un emploi dans les 6 mois ({of}).",
    ),
    "job_placement_rate_12m": (
        "Taux d'insertion professionnelle à 12 mois",
        "{value} of the students who graduated in {year} found a job within 12 months ({of}).",
        "{value} des étudiants diplômés en {year} ont trouvé un emploi dans les 12 mois ({of}).",
    ),
    "apprentice_job_placement_rate": (
        "Taux d'insertion professionnelle des alternants",
        "{value} of the apprentices who graduated in {year} found a job within 6 months ({of}).",
        "{value} des alternants diplômés en {year} ont trouvé un emploi dans les 6 mois ({of}).",
    ),
    "placement_response_rate": (
        "Taux de réponse à l'enquête d'insertion",
        "{value} of the graduates of {year} answered the placement survey by June 30, "
        "{next_year} ({of}).",
        "{value} des diplômés de {year} ont répondu à l'enquête d'insertion avant le 30 juin "
        "{next_year} ({of}).",
    ),
    "career_outcomes": (
        "Évolutions professionnelles positives",
        "{num} positive career outcomes were registered in {year}.",
        "{num} évolutions professionnelles positives ont été enregistrées en {year}.",
    ),
    "share_unemployed": (
        "Demandeurs d'emploi",
        "{value} of the students who started in {year} were unemployed ({of}).",
        "{value} des étudiants entrés en formation en {year} étaient demandeurs d'emploi ({of}).",
    ),
    "share_low_qualification": (
        "Peu ou pas diplômés",
        "{value} of the students who started in {year} had no qualification above the "
        "baccalaureate ({of}).",
        "{value} des étudiants entrés en formation en {year} n'avaient pas de diplôme "
        "supérieur au baccalauréat ({of}).",
    ),
    "share_refugee": (
        "Réfugiés",
        "{value} of the students who started in {year} were refugees ({of}).",
        "{value} des étudiants entrés en formation en {year} étaient réfugiés ({of}).",
    ),
    "share_underserved_area": (
        "Résidents des quartiers prioritaires",
        "{value} of the students living in France at a known address lived in a priority "
        "neighbourhood in {year} ({of}).",
        "{value} des étudiants résidant en France à une adresse connue habitaient un quartier "
        "prioritaire en {year} ({of}).",
    ),
    "share_disability": (
        "Étudiants en situation de handicap",
        "{value} of the students who started in {year} had a disability ({of}).",
        "{value} des étudiants entrés en formation en {year} étaient en situation de handicap "
        "({of}).",
    ),
    "share_women_in_tech": (
        "Femmes dans les parcours Tech",
        "{value} of the students of our Tech paths in {year} were women ({of}).",
        "{value} des étudiants de nos parcours Tech en {year} étaient des femmes ({of}).",
    ),
    "share_any_underserved": (
        "Au moins une catégorie sous-représentée",
        "{value} of the students of {year} belonged to at least one underserved category ({of}).",
        "{value} des étudiants de {year} appartenaient à au moins une catégorie "
        "sous-représentée ({of}).",
    ),
    "share_residing_in_france": (
        "Étudiants résidant en France",
        "{value} of the students of {year} lived in France ({of}).",
        "{value} des étudiants de {year} résidaient en France ({of}).",
    ),
    "share_region_africa": (
        "Étudiants résidant en Afrique",
        "{value} of the students of {year} lived in Africa ({of}).",
        "{value} des étudiants de {year} résidaient en Afrique ({of}).",
    ),
    "share_region_europe": (
        "Étudiants résidant en Europe",
        "{value} of the students of {year} lived in Europe outside France ({of}).",
        "{value} des étudiants de {year} résidaient en Europe hors de France ({of}).",
    ),
    "share_region_rest_of_world": (
        "Étudiants résidant dans le reste du monde",
        "{value} of the students of {year} lived in the rest of the world ({of}).",
        "{value} des étudiants de {year} résidaient dans le reste du monde ({of}).",
    ),
    "free_users": (
        "Utilisateurs gratuits",
        "{num} people used the platform for free in {year}.",
        "{num} personnes ont utilisé la plateforme gratuitement en {year}.",
    ),
    "free_user_countries": (
        "Pays des utilisateurs gratuits",
        "The free users of {year} logged in from {num} countries.",
        "Les utilisateurs gratuits de {year} se sont connectés depuis {num} pays.",
    ),
}

# Values of the marts' categorical columns: English and French.
SEGMENTS: dict[str, tuple[str, str]] = {
    "all": ("All", "Ensemble"),
    "student": ("Students", "Étudiants"),
    "apprentice": ("Apprentices", "Alternants"),
    "free_user": ("Free users", "Utilisateurs gratuits"),
}
REGIONS: dict[str, tuple[str, str]] = {
    "France": ("France", "France"),
    "Africa": ("Africa", "Afrique"),
    "Europe": ("Europe (outside France)", "Europe (hors France)"),
    "Rest of the world": ("Rest of the world", "Reste du monde"),
    "Unknown": ("Unknown", "Inconnue"),
    "Suppressed": ("Not shown (small numbers)", "Non affiché (petits effectifs)"),
    "Unknown or suppressed": ("Unknown or not shown", "Inconnue ou non affichée"),
}
OUTCOME_TYPES: dict[str, tuple[str, str]] = {
    "new_job": ("New job", "Nouvel emploi"),
    "new_internship": ("New internship", "Nouveau stage"),
    "new_apprenticeship": ("New apprenticeship", "Nouvelle alternance"),
    "business_creation": ("New business", "Création d'entreprise"),
    "promotion": ("New job title", "Nouveau poste"),
    "salary_increase": ("Salary increase", "Augmentation de salaire"),
    "internal_mobility": ("Internal mobility", "Mobilité interne"),
}
# the dimensions of the outcomes by group, their groups, and the graduates' statuses
DIMENSIONS: dict[str, tuple[str, str]] = {
    "any_underserved": ("At least one underserved category", "Au moins une catégorie"),
    "unemployed": ("Unemployed", "Demandeurs d'emploi"),
    "low_qualification": ("Low to no qualification", "Peu ou pas diplômés"),
    "refugee": ("Refugees", "Réfugiés"),
    "disability": ("Disability", "Handicap"),
    "underserved_area": ("Priority neighbourhood", "Quartier prioritaire"),
    "gender": ("Gender", "Genre"),
    "funding_type": ("Funding", "Financement"),
    "region_group": ("Region of residence", "Région de résidence"),
    "path_domain": ("Path domain", "Domaine du parcours"),
}
GROUPS: dict[str, tuple[str, str]] = {
    "yes": ("Yes", "Oui"),
    "no": ("No", "Non"),
    "unknown": ("Unknown", "Inconnu"),
    "not_assessed": ("Not assessed", "Non évalué"),
    "female": ("Women", "Femmes"),
    "male": ("Men", "Hommes"),
    "non_binary": ("Non-binary", "Non binaire"),
    "public": ("Public funding", "Financement public"),
    "apprenticeship": ("Apprenticeship", "Alternance"),
    "employer": ("Employer", "Employeur"),
    "self_funded": ("Self-funded", "Autofinancement"),
    **REGIONS,
    "Cybersecurity": ("Cybersecurity", "Cybersécurité"),
    "Data": ("Data", "Data"),
    "Design": ("Design", "Design"),
    "Development": ("Development", "Développement"),
    "Project Management": ("Project Management", "Gestion de projet"),
    "Supply Chain": ("Supply Chain", "Supply Chain"),
    "System and Network": ("System and Network", "Systèmes et réseaux"),
    "Marketing and Communication": ("Marketing and Communication", "Marketing et communication"),
    "Human Resources": ("Human Resources", "Ressources humaines"),
    "Business and Management": ("Business and Management", "Commerce et management"),
    "Health and Social Care": ("Health and Social Care", "Santé et social"),
    "Education and Training": ("Education and Training", "Éducation et formation"),
    "Sales": ("Sales", "Vente"),
}
OUTCOME_STATUSES: dict[str, tuple[str, str]] = {
    "employed_in_field": ("Employed in their field", "En emploi dans leur domaine"),
    "apprenticeship": ("Apprenticeship", "En alternance"),
    "employed_out_of_field": ("Employed outside their field", "En emploi hors de leur domaine"),
    "employed_field_unknown": ("Employed, field not stated", "En emploi, domaine non précisé"),
    "employed_outside_window": (
        "Employed after 6 months",
        "En emploi après 6 mois",
    ),
    "further_training": ("In further training", "En poursuite de formation"),
    "internship": ("In an internship", "En stage"),
    "job_seeking": ("Looking for a job", "En recherche d'emploi"),
    "inactive": ("Inactive", "Inactifs"),
    "no_response": ("No answer", "Sans réponse"),
}
MONTHS = {
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
    "fr": (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    ).split(),
}


def words(lang: str) -> Words:
    return WORDS[lang]


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """A value's label; a value the table does not know reads as itself."""
    pair = table.get(key)
    if pair is None:
        return key.replace("_", " ")
    return pair[0] if lang == "en" else pair[1]


def indicator_label(name: str, lang: str) -> str:
    return label_of(name) if lang == "en" else INDICATORS[name][0]


def indicator_sentence(name: str, lang: str) -> str:
    return INDICATORS[name][1 if lang == "en" else 2]


def segment_label(segment: str, lang: str) -> str:
    return _pick(SEGMENTS, segment, lang)


def region_label(region: str, lang: str) -> str:
    return _pick(REGIONS, region, lang)


def outcome_type_label(outcome_type: str, lang: str) -> str:
    return _pick(OUTCOME_TYPES, outcome_type, lang)


def dimension_label(dimension: str, lang: str) -> str:
    return _pick(DIMENSIONS, dimension, lang)


def group_label(group: str, lang: str) -> str:
    return _pick(GROUPS, group, lang)


def outcome_status_label(status: str, lang: str) -> str:
    return _pick(OUTCOME_STATUSES, status, lang)


def long_date(iso: str, lang: str) -> str:
    """2024-07-01 as 1 July 2024 / 1 juillet 2024 (1er juillet: French writes the first
    day of a month as an ordinal)."""
    year, month, day = (int(part) for part in iso[:10].split("-"))
    name = MONTHS[lang][month - 1]
    if lang == "fr":
        return f"{'1er' if day == 1 else day} {name} {year}"
    return f"{day} {name} {year}"

"""Simulate the platform's records (clean, latest versions, internal user indices).

The output is a `World`: one dict of numpy columns per entity. Each population module builds
its records (`populations`), calling the trap modules (`traps`) where a trap set is drawn;
the order below is the order of the run's random draws, so it is part of the output. The
export writers (`populations.*.write`) add the file-level traps; `truth.py` computes every
indicator from the `World` with the docs/methodology.md rules.
"""

from __future__ import annotations

import numpy as np

from .populations import (
    accounts,
    applications,
    declarations,
    enrollments,
    job_outcomes,
    logins,
    paths,
    profiles,
)
from .traps import new_year, reach, test_accounts
from .world import Sim, World

__all__ = ["World", "simulate"]


def simulate(scale: float, seed: int) -> tuple[World, np.random.Generator]:
    sim = Sim(scale, seed)
    paths.simulate(sim)
    applications.simulate(sim)
    enrollments.simulate(sim)
    test_accounts.simulate(sim)
    profiles.simulate(sim)  # and the students' addresses
    job_outcomes.simulate(sim)
    declarations.simulate(sim)
    accounts.general_population(sim)
    accounts.finish(sim)
    reach.anchors(sim)
    new_year.free_user_logins(sim)
    reach.antarctica(sim)
    logins.collect_forced(sim)
    return sim.w, sim.rng

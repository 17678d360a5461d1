"""How `make test` hands tests to its two pytest-xdist workers (tests/run_suite.sh:
pytest -n 2): in units, each unit on one worker, so that a fixture its tests share is
built once, not once per worker.

- A package of tests whose conftest.py defines fixtures (the Spark lane: one JVM and
  its parity builds, session-scoped there) is one unit.
- Else a test module that defines a module-scoped fixture (a build of its own: the
  editions cycle, the report pages, ...) is one unit.
- Every other test is a unit of its own.

The fixtures of the top conftest.py (the sample warehouse, the generated exports) are
built once per worker: keeping all their users on one worker serialised most of the
suite. pytest-xdist's own `--dist loadgroup` cannot do this with pytest 9 (it appends the
group to a node id that pytest 9 no longer stores), so this scheduler groups node ids
itself.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

SHARED_SCOPE = re.compile(r"""scope\s*=\s*["'](module|package)["']""")
FIXTURE = re.compile(r"@pytest\.fixture\b")


def work_unit(top: Path, rootpath: Path, nodeid: str) -> str:
    """The unit of the test `nodeid` (relative to `rootpath`); `top` is the directory of
    the conftest.py whose fixtures every worker builds for itself."""
    module = rootpath / nodeid.split("::")[0]
    for directory in module.parents:
        if directory == top or top not in directory.parents:
            break
        if _defines_fixtures(directory / "conftest.py"):
            return directory.relative_to(rootpath).as_posix()
    if _defines(module, SHARED_SCOPE):
        return nodeid.split("::")[0]
    return nodeid


def _defines_fixtures(path: Path) -> bool:
    return _defines(path, FIXTURE)


@functools.cache
def _defines(path: Path, pattern: re.Pattern[str]) -> bool:
    return path.suffix == ".py" and path.is_file() and bool(pattern.search(path.read_text("utf-8")))


class SharedBuildScheduler:
    """The plugin that gives pytest-xdist this scheduler (register it only with xdist)."""

    def __init__(self, top: Path, rootpath: Path) -> None:
        self.top = top
        self.rootpath = rootpath

    def pytest_xdist_make_scheduler(self, config: object, log: object) -> object:
        from xdist.scheduler import LoadScopeScheduling

        top, rootpath = self.top, self.rootpath

        class SharedBuildScheduling(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return work_unit(top, rootpath, nodeid)

        return SharedBuildScheduling(config, log)

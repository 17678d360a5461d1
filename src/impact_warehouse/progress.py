"""What `impact-warehouse build` shows while dbt runs (issue 14, "quiet by default").

dbt runs with `--log-format json`: each stdout line is one event. This module turns the
events into
- the full log, as text (the lines dbt would print, with their time), written to a file;
- by default, one line per layer when the layer is done (seeds, staging, intermediate,
  marts, ...: a model's layer is its schema; a test's, the layer of the model it tests),
  with its nodes by kind, its outcome and its time, then a one-line summary;
- with `verbose`, every line of the full log as well.
No ANSI colour code is ever written: dbt runs with `--no-use-colors` and
`--no-use-colors-file`, and anything else is stripped.

A layer's line needs to know how many nodes it has: they are counted in the manifest dbt
writes before it runs anything, and checked against the number of nodes dbt announces.
When the two disagree (a `--select` build), the layer lines come at the end instead.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# dbt flags: events as JSON lines on stdout (this module's input), dbt's own debug log
# file as text, no colour on stdout or in the file.
DBT_LOG_ARGS = (
    "--log-format",
    "json",
    "--log-format-file",
    "debug",
    "--no-use-colors",
    "--no-use-colors-file",
)
# Layers in build order; any other schema (a data-quality layer, ...) comes after staging.
LAYER_ORDER = ("seeds", "staging", "intermediate", "marts")
# The resource types `dbt build` runs, as the summary names them.
KINDS = {
    "seed": ("seed", "seeds"),
    "model": ("model", "models"),
    "snapshot": ("snapshot", "snapshots"),
    "test": ("data test", "data tests"),
    "unit_test": ("unit test", "unit tests"),
    "exposure": ("exposure", "exposures"),
    "function": ("function", "functions"),
}
FAILED = {"error", "fail", "runtime error"}
NOT_FINISHED = {"", "none", "started", "compiling", "executing"}


def strip_ansi(text: str) -> str:
    return ANSI_ESCAPE.sub("", text)


def _rank(layer: str) -> float:
    return LAYER_ORDER.index(layer) if layer in LAYER_ORDER else 1.5


def layers_from_manifest(manifest: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """unique_id -> (layer, resource_type) for every node `dbt build` can run."""
    nodes: dict[str, Mapping[str, Any]] = {}
    for section in ("nodes", "unit_tests", "exposures", "functions"):
        nodes.update(manifest.get(section) or {})
    own: dict[str, str] = {}
    for unique_id, node in nodes.items():
        kind = node.get("resource_type")
        if kind == "seed":
            own[unique_id] = "seeds"
        elif kind in ("model", "snapshot", "function"):
            own[unique_id] = str(node.get("schema") or "models")
    result: dict[str, tuple[str, str]] = {}
    for unique_id, node in nodes.items():
        kind = str(node.get("resource_type"))
        if kind not in KINDS:
            continue
        layer = own.get(unique_id)
        if layer is None:
            attached = node.get("attached_node")
            depends_on = (node.get("depends_on") or {}).get("nodes", [])
            parents = [attached] if attached in own else depends_on
            candidates = [own[p] for p in parents if p in own]
            layer = max(candidates, key=_rank) if candidates else "other"
        result[unique_id] = (layer, kind)
    return result


def _plural(count: int, kind: str) -> str:
    singular, plural = KINDS.get(kind, (kind, kind + "s"))
    return f"{count} {singular if count == 1 else plural}"


def describe_kinds(kinds: Mapping[str, int]) -> str:
    """`7 seeds, 60 models, 367 data tests` in build order."""
    order = {kind: index for index, kind in enumerate(KINDS)}
    ranked = sorted(kinds.items(), key=lambda item: order.get(item[0], len(order)))
    return ", ".join(_plural(n, kind) for kind, n in ranked)


def format_seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest:02d} s"


@dataclass
class Layer:
    name: str
    expected: int | None = None
    kinds: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    started: float | None = None
    finished: float | None = None
    done: bool = False

    @property
    def count(self) -> int:
        return sum(self.kinds.values())

    def outcome(self) -> str:
        failed = sum(n for status, n in self.statuses.items() if status in FAILED)
        parts = []
        if failed:
            parts.append(f"{failed} FAILED")
        if self.statuses.get("warn"):
            parts.append(f"{self.statuses['warn']} warned")
        if self.statuses.get("skipped"):
            parts.append(f"{self.statuses['skipped']} skipped")
        return ", ".join(parts) if parts else "ok"

    def line(self) -> str:
        what = describe_kinds(self.kinds)
        seconds = (self.finished or 0.0) - (self.started or 0.0)
        return f"  {self.name:<13} {what:<55} {self.outcome():<12} {format_seconds(seconds):>9}"


@dataclass
class Summary:
    """What one dbt invocation did."""

    kinds: dict[str, int]
    statuses: dict[str, int]
    seconds: float
    warnings: list[str]

    @property
    def nodes(self) -> int:
        return sum(self.kinds.values())

    def line(self) -> str:
        what = describe_kinds(self.kinds)
        failed = sum(n for status, n in self.statuses.items() if status in FAILED)
        outcome = f"{failed} failed" if failed else "all passed"
        if self.statuses.get("warn"):
            outcome += f", {self.statuses['warn']} warned"
        if self.statuses.get("skipped"):
            outcome += f", {self.statuses['skipped']} skipped"
        return f"{self.nodes} nodes ({what}) in {format_seconds(self.seconds)}: {outcome}"


class Progress:
    """Consumes dbt's JSON event lines (feed), writes the log, shows layers (or all)."""

    def __init__(
        self,
        *,
        log: TextIO,
        manifest_path: Path | None,
        show: Callable[[str], None] | None,
        verbose: bool = False,
        per_layer: bool = True,
    ) -> None:
        self.log = log
        self.manifest_path = manifest_path
        self.show = show
        self.verbose = verbose
        self.per_layer = per_layer
        self.started = time.monotonic()
        self.started_wall = time.time()
        self.layers: dict[str, Layer] = {}
        self.node_layer: dict[str, tuple[str, str]] | None = None
        self.finished: set[str] = set()
        self.statuses: dict[str, int] = {}
        self.kinds: dict[str, int] = {}
        self.warnings: list[str] = []
        self.text: list[str] = []
        self.announced_total: int | None = None
        self.live_layers = False

    # ---------------------------------------------------------------- input
    def feed(self, raw_line: str) -> None:
        line = strip_ansi(raw_line.rstrip("\n"))
        if not line.strip():
            return
        try:
            event = json.loads(line)
            info, data = event["info"], event.get("data") or {}
        except (ValueError, KeyError, TypeError):
            self._write(line)  # not an event (a library's own output): log it as it is
            if self.verbose and self.show:
                self.show(line)
            return
        message = strip_ansi(str(info.get("msg") or ""))
        stamp = str(info.get("ts") or "")[11:19]
        text = f"{stamp}  {message}" if stamp else message
        self._write(text)
        if self.verbose and self.show:
            self.show(text)
        elif self.show and info.get("level") in ("warn", "error") and "node_info" not in data:
            self.show(message)  # dbt's own warnings (deprecations, ...) are shown
        self._track(str(info.get("name") or ""), data)

    def _write(self, text: str) -> None:
        self.text.append(text)
        self.log.write(text + "\n")
        self.log.flush()

    # ---------------------------------------------------------------- tracking
    def _load_layers(self) -> None:
        self.node_layer = {}
        if self.manifest_path is None:
            return
        try:
            if self.manifest_path.stat().st_mtime < self.started_wall - 1:
                return  # a previous run's manifest
            manifest = json.loads(self.manifest_path.read_text())
        except (OSError, ValueError):
            return
        self.node_layer = layers_from_manifest(manifest)

    def _track(self, name: str, data: Mapping[str, Any]) -> None:
        node = data.get("node_info")
        if not isinstance(node, Mapping):
            return
        unique_id = str(node.get("unique_id") or "")
        if not unique_id:
            return
        if self.node_layer is None:
            self._load_layers()
            self._set_expectations(data.get("total"))
        layer_name, kind = self._layer_of(unique_id, node)
        layer = self.layers.setdefault(layer_name, Layer(layer_name))
        now = time.monotonic()
        if layer.started is None:
            layer.started = now
        status = str(node.get("node_status") or "").lower()
        if status in NOT_FINISHED:  # a unit test's result carries its status in `data` only
            status = str(data.get("status") or "").lower()
        if name == "LogStartLine" or status in NOT_FINISHED or unique_id in self.finished:
            return
        self.finished.add(unique_id)
        layer.kinds[kind] = layer.kinds.get(kind, 0) + 1
        layer.statuses[status] = layer.statuses.get(status, 0) + 1
        layer.finished = now
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == "warn":
            failing = data.get("num_failures")
            self.warnings.append(
                f"{kind} {node.get('node_name')} ({layer_name})"
                + (f": {failing} failing" if failing is not None else "")
            )
        if (
            self.live_layers
            and layer.expected is not None
            and layer.count >= layer.expected
            and not layer.done
        ):
            self._show_layer(layer)

    def _layer_of(self, unique_id: str, node: Mapping[str, Any]) -> tuple[str, str]:
        if self.node_layer and unique_id in self.node_layer:
            return self.node_layer[unique_id]
        kind = str(node.get("resource_type") or "other")
        if kind == "seed":
            return "seeds", kind
        relation = node.get("node_relation") or {}
        schema = relation.get("schema") if kind == "model" else None
        return str(schema or "other"), kind

    def _set_expectations(self, total: object) -> None:
        if isinstance(total, int):
            self.announced_total = total
        if not self.per_layer or not self.node_layer or self.announced_total is None:
            return
        expected: dict[str, int] = {}
        for layer, _kind in self.node_layer.values():
            expected[layer] = expected.get(layer, 0) + 1
        if sum(expected.values()) != self.announced_total:
            return  # a selection: the manifest's counts are not this run's
        for name, count in expected.items():
            self.layers.setdefault(name, Layer(name)).expected = count
        self.live_layers = True

    def _show_layer(self, layer: Layer) -> None:
        layer.done = True
        if self.show and not self.verbose:
            self.show(layer.line())

    # ---------------------------------------------------------------- output
    def finish(self) -> Summary:
        """Show the layers not shown yet (all of them without live counts)."""
        pending = [layer for layer in self.layers.values() if not layer.done and layer.count]
        for layer in sorted(pending, key=lambda item: (item.started or 0.0, _rank(item.name))):
            if self.per_layer:
                self._show_layer(layer)
        return Summary(
            kinds=dict(self.kinds),
            statuses=dict(self.statuses),
            seconds=time.monotonic() - self.started,
            warnings=list(self.warnings),
        )

    def output(self) -> str:
        return "\n".join(self.text)

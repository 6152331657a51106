"""Where new nodes go on a scene: around the node they came from, or beside what is shown.

>>> from explorer.core.scene_items import SceneNode
>>> centre = SceneNode("urn:a", "urn:a", "A", "", "")
>>> len(ring_around([centre], centre, 3))
3
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from explorer.core.scene_items import SceneNode


class PathLike(Protocol):
    """What :meth:`Scene.add_path` reads from a path: ``explorer.core.paths.GraphPath`` has it.

    ``hops`` are objects with ``source``, ``predicate``, ``target`` (in reading order) and
    ``forward`` (True when the stored triple is source–predicate–target).
    """

    @property
    def nodes(self) -> Sequence[str]: ...

    @property
    def hops(self) -> Sequence[Any]: ...


def free_spot(nodes: Iterable[SceneNode]) -> tuple[float, float]:
    """Where a new node goes when nothing says where: right of what is shown, at mid height."""
    entities = [n for n in nodes if n.kind == "entity"]
    if not entities:
        return 0.0, 0.0
    right = max(n.x for n in entities)
    middle = sum(n.y for n in entities) / len(entities)
    return right + 160.0, middle


def ring_around(nodes: Iterable[SceneNode], centre: SceneNode, count: int, radius: float | None = None) -> list[tuple[float, float]]:
    """Places for ``count`` new nodes around ``centre``, facing away from what is already shown."""
    if count <= 0:
        return []
    others = [n for n in nodes if n.id != centre.id and n.kind == "entity"]
    if others:
        mx = sum(n.x for n in others) / len(others) - centre.x
        my = sum(n.y for n in others) / len(others) - centre.y
        away = math.atan2(-my, -mx) if (mx or my) else 0.0
        spread = math.pi * 1.5 if len(others) > 1 else math.pi * 2
    else:
        away, spread = 0.0, math.pi * 2
    spacing = 48.0
    positions: list[tuple[float, float]] = []
    ring = 0
    base = radius if radius is not None else 140.0
    while len(positions) < count:
        r = base + ring * spacing * 1.2
        capacity = max(1, int(spread * r / spacing))
        take = min(capacity, count - len(positions))
        for i in range(take):
            full_circle = spread >= math.pi * 2 - 1e-9
            angle = away + 2 * math.pi * i / take if full_circle else away - spread / 2 + spread * (i + 0.5) / take
            positions.append((centre.x + r * math.cos(angle), centre.y + r * math.sin(angle)))
        ring += 1
    return positions


__all__ = ["PathLike", "free_spot", "ring_around"]

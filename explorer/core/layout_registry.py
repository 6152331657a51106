"""The one list of layouts: names for settings and the CLI, titles for menus, and how to run each.

The window's View menu, the settings' ``last_layout``, the exports and the CLI's
``--layout`` all read :data:`LAYOUTS`; a new layout is added here once. The layout code
itself (numpy) is imported only when a layout runs, so reading the names stays cheap.

>>> LAYOUT_NAMES
('force', 'hierarchical', 'radial')
>>> LAYOUTS["radial"].title
'Radial'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.layout import LayoutInput, Positions
    from explorer.core.scene import Scene
    from explorer.core.tasks import CancelToken, Progress


@dataclass(frozen=True)
class Layout:
    """One layout: its name in settings and the CLI, its title in menus, what it does."""

    name: str
    title: str
    description: str

    def __call__(
        self, scene: Scene | LayoutInput, focus: str | None = None, *, progress: Progress | None = None,
        cancel: CancelToken | None = None, apply: bool = True,
    ) -> Positions:
        """Arrange ``scene``; ``focus`` (when given) is the hierarchy's root or the rings' centre."""
        from explorer.core import layout

        options = {"progress": progress, "cancel": cancel, "apply": apply}
        if self.name == "hierarchical":
            return layout.hierarchical(scene, roots=[focus] if focus else None, **options)  # type: ignore[arg-type]
        if self.name == "radial":
            return layout.radial(scene, focus, **options)  # type: ignore[arg-type]
        return layout.force_directed(scene, **options)  # type: ignore[arg-type]


#: Every layout, in menu order.
LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (
    Layout("force", "Force-Directed", "spring: linked nodes close, the rest apart"),
    Layout("hierarchical", "Hierarchical", "chains left to right"),
    Layout("radial", "Radial", "rings around the focus"),
)}
LAYOUT_NAMES: tuple[str, ...] = tuple(LAYOUTS)

__all__ = ["LAYOUTS", "LAYOUT_NAMES", "Layout"]

"""Interactive HTML of the canvas, through pyvis, that works with the network off.

pyvis builds the vis-network node and edge records; the page itself comes from our own
template (``html_template.html``), because pyvis 0.3.2's templates link Bootstrap and, in
some modes, vis-network from CDNs. vis-network's script and stylesheet are read from the
files pyvis ships (``pyvis/lib/vis-9.1.2``) and embedded.

What the file guarantees, and ``tests/services/test_exporters.py`` checks:

* **Offline.** The text ``://`` occurs nowhere in the file: no ``src``/``href``/``url()``
  points anywhere but inside the file (``data:`` images of vis-network's stylesheet),
  and a Content-Security-Policy forbids fetching anything (``default-src 'none'``).
  Data IRIs and vis-network's constants (the SVG namespace, licence URLs in comments) are
  written with JSON/JS-escaped slashes (``https:\\/\\/…``), which the browser decodes in
  script but never treats as a link; IRIs are shown as plain text, never as links.
* **No injection.** Every label, IRI, quote and note travels as JSON inside a
  ``<script type="application/json">`` element with ``<``, ``>``, ``&`` and ``/``
  escaped, and is put on the page with ``textContent`` (tooltips are DOM elements built
  the same way, never HTML strings). The title is HTML-escaped. Inline scripts are
  allowed by their SHA-256 hashes only, so even an injected ``<script>`` or ``onerror``
  would not run.
* **Our layout.** Nodes sit at the canvas positions with physics off; a button turns
  physics on (pinned nodes stay put) and off again.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib.namespace import RDFS, SKOS

from explorer.core.style_legend import rule_lines
from explorer.core.style_resolution import resolved_styles
from explorer.services.exporters import Exporter, ExportError, ExportJob, register

VIS_VERSION = "9.1.2"

# The canvas's shapes in vis-network terms. Organisations (round-rect) become boxes with the
# label inside; the other shapes keep the label underneath, like the canvas.
_VIS_SHAPES = {
    "ellipse": "dot",
    "box": "square",
    "round-rect": "box",
    "diamond": "diamond",
    "hexagon": "hexagon",
    "triangle": "triangle",
    "triangle-down": "triangleDown",
    "star": "star",
}
_SCRIPT_CLOSE = re.compile(r"</(script|style)", re.IGNORECASE)


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet from pyvis's package files, made safe to inline."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(f"{folder}: vis-network files of pyvis are missing ({error.strerror or error})") from None
    return inline_safe(script), inline_safe(style)


def inline_safe(code: str) -> str:
    """Script or CSS text that can sit inside ``<script>``/``<style>`` and names no remote address.

    ``://`` becomes ``:\\/\\/``: inside a JS string, regular expression or comment that is the
    same text (or harmless), and no URL can be spotted in the page by a browser or an audit.
    """
    code = code.replace("://", r":\/\/")
    if _SCRIPT_CLOSE.search(code):
        raise ExportError("an embedded asset contains a closing </script> or </style> tag")
    return code


def script_json(data: Any) -> str:
    """JSON to put inside ``<script type="application/json">``: nothing in it can close the element.

    >>> script_json({"label": "</script><b>"})
    '{"label":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("&", r"\u0026"), ("<", r"\u003c"), (">", r"\u003e"), ("/", r"\/"),
                         ("\u2028", r"\u2028"), ("\u2029", r"\u2029")):
        text = text.replace(raw, escaped)
    return text


def html_text(text: str) -> str:
    """Text for an HTML element or attribute: markup characters and slashes escaped."""
    return html.escape(text, quote=True).replace("/", "&#47;")


def _font_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (relative luminance)."""
    try:
        r, g, b = (int(background[i:i + 2], 16) / 255 for i in (1, 3, 5))
    except (ValueError, IndexError):
        return "#1b1b1b"

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return "#1b1b1b" if luminance > 0.35 else "#ffffff"


def _literal(kg: Any, entity: str, predicate: str) -> str:
    """The first English (or untagged) literal of ``entity`` for ``predicate``."""
    from rdflib import Literal, URIRef

    from explorer.core.backends import entity_node

    best = ""
    for _, _, value in kg.triples(entity_node(entity), URIRef(predicate), None):
        if isinstance(value, Literal):
            if value.language in ("en", None, ""):
                return str(value)
            best = best or str(value)
    return best


def _evidence(job: ExportJob, subject: str, predicate: str, obj: str) -> list[dict[str, Any]]:
    fact = (subject, predicate, obj)
    records = job.subgraph.evidence.get(fact)
    if records is None:
        records = job.kg.evidence(subject, predicate, obj)
    return [
        {
            "background": record.background,
            "quote": record.quote or "",
            "source": record.source_label or record.source or "",
            "sourceIri": record.source or "",
            "sentence": record.sentence_index,
            "line": record.line_number,
            "page": record.page,
            "start": record.start,
            "end": record.end,
            "place": record.place(),
            "note": record.note or "",
            "record": record.record,
        }
        for record in records
    ]


#: Shortest typical link length on the page, in CSS pixels: labels under nodes need more room than on the canvas.
MIN_LINK_LENGTH = 170.0


def _label_width(text: str, font: float = 13.0) -> float:
    """About how wide vis-network draws ``text`` at ``font`` px (wide East Asian characters take a full em)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.554 for ch in text) * font


def _extent(node: Any, font: float = 13.0) -> tuple[float, float]:
    """Half the width and half the height a node takes in the page, its label included."""
    size = max(12.0, float(node.size))
    if node.kind in ("more", "group") or _VIS_SHAPES.get(node.shape) == "box":  # label inside the box
        return (_label_width(node.label, font) + 14.0) / 2, font + 1.0
    return max(size, _label_width(node.label, font)) / 2, (size + 9.0 + font) / 2  # label underneath


def _reach(extent: tuple[float, float], ux: float, uy: float) -> float:
    """How far from its centre a node's outline is in the direction (``ux``, ``uy``)."""
    half_width, half_height = extent
    return min(half_width / abs(ux) if abs(ux) > 1e-9 else float("inf"),
               half_height / abs(uy) if abs(uy) > 1e-9 else float("inf"))


#: Above this many nodes the pairwise overlap check is skipped (the median link rule still applies).
OVERLAP_CHECK_LIMIT = 1500


def spacing(scene: Any, font: float = 13.0) -> float:
    """How much to spread the canvas positions: a typical (median) link at least :data:`MIN_LINK_LENGTH`
    long, and no two nodes drawn over each other (the page draws organisations as boxes with the
    label inside, wider than on the canvas), at most four times the canvas's spacing.
    """
    visible = {node.id: node for node in scene.visible_nodes()}
    lengths = sorted(
        ((visible[e.source].x - visible[e.target].x) ** 2 + (visible[e.source].y - visible[e.target].y) ** 2) ** 0.5
        for e in scene.visible_edges() if e.source in visible and e.target in visible and e.source != e.target
    )
    spread = 1.0
    if lengths and lengths[len(lengths) // 2] > 0:
        spread = max(1.0, MIN_LINK_LENGTH / lengths[len(lengths) // 2])
    nodes = list(visible.values())
    if len(nodes) <= OVERLAP_CHECK_LIMIT:
        # Each link long enough, between the two nodes' outlines, to show its words.
        for edge in scene.visible_edges():
            source, target = visible.get(edge.source), visible.get(edge.target)
            if source is None or target is None or source is target or not edge.label:
                continue
            dx, dy = target.x - source.x, target.y - source.y
            length = (dx * dx + dy * dy) ** 0.5
            if length <= 1e-9:
                continue
            ends = sum(_reach(_extent(node, font), dx / length, dy / length) for node in (source, target))
            spread = max(spread, min((ends + _label_width(edge.label, font * 11 / 13) + 20.0) / length, 4.0))
        extents = [_extent(node, font) for node in nodes]
        for i, first in enumerate(nodes):
            for j in range(i + 1, len(nodes)):
                second = nodes[j]
                dx, dy = abs(first.x - second.x), abs(first.y - second.y)
                need_x = (extents[i][0] + extents[j][0] + 8.0) / dx if dx > 1e-9 else float("inf")
                need_y = (extents[i][1] + extents[j][1] + 4.0) / dy if dy > 1e-9 else float("inf")
                spread = max(spread, min(need_x, need_y, 4.0))
    return min(4.0, spread)


#: The graph's part of a 1280×800 browser window (the details panel, header and footer taken off), in CSS px.
PAGE_GRAPH_AREA = (940.0, 680.0)
#: Node labels are drawn at this size in graph units when the whole graph fits readably.
BASE_FONT = 13.0
#: On-screen size of node labels when the page opens, in CSS px (vis-network draws none under 5 px).
READABLE_LABEL_PX = 12.0
#: The zoom the page opens at when the whole graph would make labels unreadable: on the path, focus or hub.
CLOSE_SCALE = 0.8
#: Highlighted paths are drawn in the canvas's accent colour (light theme).
PATH_COLOUR = "#d81b60"


def _fit_scale(scene: Any, spread: float, font: float) -> float:
    """The zoom at which vis-network's fit shows every node in :data:`PAGE_GRAPH_AREA` (at most 1)."""
    nodes = scene.visible_nodes()
    if not nodes:
        return 1.0
    boxes = [(node.x * spread, node.y * spread, *_extent(node, font)) for node in nodes]
    width = max(x + w for x, _, w, _ in boxes) - min(x - w for x, _, w, _ in boxes)
    height = max(y + h for _, y, _, h in boxes) - min(y - h for _, y, _, h in boxes)
    area_width, area_height = PAGE_GRAPH_AREA
    return min(1.0, area_width / max(width, 1.0), area_height / max(height, 1.0))


def opening_view(scene: Any) -> dict[str, Any]:
    """How the page opens: the spread of the positions, the label size in graph units, the zoom and its centre.

    When the whole graph fitted into a 1280×800 window would draw labels under
    :data:`READABLE_LABEL_PX`, the page opens closer (:data:`CLOSE_SCALE`) on the highlighted path,
    the focus or the best-linked node, with labels sized so they read at that zoom (Fit shows everything).
    """
    spread = spacing(scene, BASE_FONT)
    fit = _fit_scale(scene, spread, BASE_FONT)
    visible = {node.id: node for node in scene.visible_nodes()}
    if fit * BASE_FONT >= READABLE_LABEL_PX or not visible:
        return {"fit": True, "scale": fit, "font": BASE_FONT, "spread": spread, "center": None}
    font = READABLE_LABEL_PX / CLOSE_SCALE
    spread = spacing(scene, font)
    centre_ids = [i for i in scene.highlighted if i in visible] or ([scene.focus] if scene.focus in visible else [])
    if not centre_ids:
        degree: dict[str, int] = {}
        for edge in scene.visible_edges():
            for end in (edge.source, edge.target):
                degree[end] = degree.get(end, 0) + 1
        centre_ids = [max(visible, key=lambda i: (degree.get(i, 0), -list(visible).index(i)))]
    x = sum(visible[i].x for i in centre_ids) / len(centre_ids) * spread
    y = sum(visible[i].y for i in centre_ids) / len(centre_ids) * spread
    return {"fit": False, "scale": CLOSE_SCALE, "font": font, "spread": spread, "center": {"x": x, "y": y},
            "fitScale": _fit_scale(scene, spread, font)}


def page_data(job: ExportJob) -> dict[str, Any]:
    """Everything the page shows, as JSON-safe data (built with pyvis's Network)."""
    from pyvis.network import Network

    from explorer import __version__

    scene, kg = job.scene, job.kg
    network = Network(directed=True)
    visible = {node.id: node for node in scene.visible_nodes()}
    looks = resolved_styles(scene)  # after the styling rules: what the canvas shows
    view = opening_view(scene)
    spread, font = view["spread"], view["font"]
    on_path = scene.highlighted
    for node in visible.values():
        shape = _VIS_SHAPES.get(node.shape, "dot")
        is_more = node.kind == "more"
        box = shape == "box" or node.kind != "entity"
        info: dict[str, Any] = {"kind": node.kind, "label": node.label, "onPath": node.id in on_path}
        if is_more:
            info["more"] = node.more_count
        elif node.kind == "group":
            info.update(members=node.more_count, classLabel=node.class_label)
        else:
            info.update(
                iri=node.entity,
                classLabel=node.class_label,
                classIri=node.class_iri,
                comment=_literal(kg, node.entity, str(RDFS.comment)),
                aliases=[text for text, _, predicate in kg.all_labels(node.entity)
                         if predicate == str(SKOS.altLabel) and text != node.label],
            )
        network.add_node(
            node.id,
            label=looks.nodes[node.id].label if not is_more else node.label,
            shape="box" if box else shape,
            color={
                "background": node.color,
                "border": PATH_COLOUR if node.id in on_path else ("#555555" if not is_more else "#9e9e9e"),
                "highlight": {"background": node.color, "border": "#1b1b1b"},
                "hover": {"background": node.color, "border": "#1b1b1b"},
            },
            size=max(6.0, float(node.size) / 2),
            x=float(node.x) * spread,
            y=float(node.y) * spread,
            physics=not node.pinned,
            borderWidth=4 if node.id in on_path else (3 if node.id == scene.focus else 1),
            font={"color": _font_colour(node.color) if box else "#1b1b1b", "size": font if not is_more else font * 12 / 13,
                  "bold": node.id in on_path,
                  "face": "system-ui, sans-serif", "strokeWidth": 0 if box else 3, "strokeColor": "#ffffff"},
            margin=6 if box else None,
            shapeProperties={"borderDashes": [4, 3]} if is_more else {},
            info=info,
        )
    pairs: dict[frozenset[str], int] = {}
    for edge in scene.visible_edges():
        if edge.source not in visible or edge.target not in visible:
            continue
        pair = frozenset((edge.source, edge.target))
        rank = pairs.get(pair, 0)
        pairs[pair] = rank + 1
        subject, obj = visible[edge.source], visible[edge.target]
        is_more = obj.kind == "more"
        lit = edge.id in on_path
        if is_more:
            info = {"kind": "more"}
        elif not edge.predicate:  # a group's merged links: words and a count, no single fact behind them
            info = {"kind": "group", "words": edge.label, "subject": subject.label, "object": obj.label,
                    "predicate": "", "subjectIri": subject.entity, "objectIri": obj.entity, "evidence": [],
                    "onPath": lit}
        else:
            info = {
            "predicate": edge.predicate,
            "words": edge.label or kg.predicate_words(edge.predicate, True),
            "subject": subject.label,
            "object": obj.label,
            "subjectIri": subject.entity,
            "objectIri": obj.entity,
            "evidence": _evidence(job, subject.entity, edge.predicate, obj.entity),
            "onPath": lit,
        }
        # Parallel links between the same two entities curve apart instead of overlapping.
        smooth: dict[str, Any] | bool = False
        if rank:
            smooth = {"enabled": True, "type": "curvedCW" if rank % 2 else "curvedCCW", "roundness": 0.2 * ((rank + 1) // 2)}
        edge_look = looks.edges[edge.id]
        network.add_edge(
            edge.source,
            edge.target,
            id=edge.id,
            label=edge_look.label if not is_more else "",
            arrows="to" if not is_more else "",
            dashes=is_more,
            width=3.5 if lit else (edge_look.width if edge_look.width != 1.0 else 1.2 if edge.evidence_count or is_more else 1.0),
            color={"color": PATH_COLOUR if lit else (edge_look.color or ("#8a8a8a" if edge.evidence_count or is_more
                                                                         or not edge.predicate else "#c26b00")),
                   "highlight": "#1b1b1b", "hover": "#333333"},
            font={"size": font * 11 / 13, "face": "system-ui, sans-serif", "color": PATH_COLOUR if lit else "#444444",
                  "strokeWidth": 3, "bold": lit,
                  "strokeColor": "#ffffff", "align": "horizontal"},
            smooth=smooth,
            info=info,
        )
    _add_notes(network, scene)
    nodes = [{key: value for key, value in record.items() if value is not None} for record in network.nodes]
    legend = [{"label": label[:1].upper() + label[1:] if label == label.lower() else label,
               "color": color, "shape": shape, "classIri": iri}
              for iri, label, color, shape in scene.legend()]
    if scene.measure_style is not None:  # colours and sizes come from measures: their legend replaces the classes'
        style = scene.measure_style
        legend = [{"label": f"{entry.text} (size)" if entry.kind == "size" else entry.text,
                   "color": entry.color if entry.kind == "colour" else "#ffffff",
                   "shape": "ellipse", "classIri": style.describe()}
                  for entry in style.legend()]
    legend += [{"label": line.text, "color": line.color, "shape": line.shape, "classIri": line.key}
               for line in rule_lines(list(scene.style_rules), kg.label) if line.group != "measure"]
    if any(node.kind == "group" for node in visible.values()):
        legend.append({"label": "group of nodes (expand it in the app)", "color": "#ffffff", "shape": "group", "classIri": ""})
    if any(i in visible or i in scene.edges for i in on_path):
        legend.append({"label": "highlighted path", "color": PATH_COLOUR, "shape": "path", "classIri": ""})
    return {
        "title": job.title,
        "nodes": nodes,
        "edges": network.edges,
        "legend": legend,
        "counts": {
            "entities": sum(1 for node in visible.values() if node.kind == "entity"),
            "facts": sum(1 for edge in network.edges if edge["info"].get("kind") not in ("more", "group")),
            "evidence": sum(len(edge["info"].get("evidence", [])) for edge in network.edges),
        },
        "focus": scene.focus if scene.focus in visible else None,
        "view": view,
        "generator": f"kg-explorer {__version__}",
        "visVersion": VIS_VERSION,
    }


def _template() -> str:
    return resources.files("explorer.services.exporters").joinpath("html_template.html").read_text(encoding="utf-8")


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def render(job: ExportJob) -> str:
    """The whole page as text."""
    script, style = vis_assets()
    template = _template()
    page_script = inline_safe(_between(template, "<!--page-script-->", "<!--/page-script-->"))
    page_style = _between(template, "<!--page-style-->", "<!--/page-style-->")
    body = _between(template, "<!--body-->", "<!--/body-->")
    policy = (
        "default-src 'none'; "
        f"script-src {_hash(script)} {_hash(page_script)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'; object-src 'none'"
    )
    title = html_text(job.title)
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{html_text(policy)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="{html_text(page_data_generator())}">\n',
        f"<title>{title}</title>\n",
        f"<style>\n{style}\n</style>\n<style>{page_style}</style>\n</head>\n<body>\n",
        body.replace("{{title}}", title),
        f'\n<script type="application/json" id="kg-data">{script_json(page_data(job))}</script>\n',
        f"<script>{script}</script>\n<script>{page_script}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def page_data_generator() -> str:
    from explorer import __version__

    return f"kg-explorer {__version__}"


def _between(text: str, start: str, end: str) -> str:
    _head, found, rest = text.partition(start)
    inner, found_end, _ = rest.partition(end)
    if not found or not found_end:
        raise ExportError(f"html_template.html: section {start} is missing")
    return inner


def _add_notes(network: Any, scene: Any) -> None:
    """The analyst's notes on nodes and links, shown in their tooltips."""
    if not scene.notes:
        return
    for record in [*network.nodes, *network.edges]:
        note = scene.notes.get(record.get("id", ""))
        if note and record["info"].get("kind") != "more":
            record["info"]["note"] = note


def write_html(job: ExportJob, path: Path) -> None:
    path.write_text(render(job), encoding="utf-8")


register(Exporter("html", "Interactive HTML (works offline)", ".html", write_html, aliases=("htm",)))

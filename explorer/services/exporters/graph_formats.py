"""GraphML and GEXF for Gephi, Cytoscape and yEd: labels, classes, colours and positions.

Nodes are the scene's visible entities, keyed by IRI; edges are its visible facts. Each node
carries ``label``, ``name`` (the label again: Cytoscape's default display column), ``iri``,
``class_iri``, ``class_label``, ``color`` (``#rrggbb``), ``r``/``g``/``b``, ``shape``,
``size``, ``x``, ``y`` and ``pinned`` (looks after the styling rules; ``icon`` and ``display_label``
where a rule sets them), and the measures a measure-driven style sizes and
colours them by (``pagerank``, ``community`` …); each edge ``label`` (the predicate in words),
``predicate``, ``evidence_count`` and ``evidence`` (quotes and sources as text), and ``color`` and
``width`` where a styling rule sets them.

GEXF adds the ``viz:`` namespace Gephi reads: ``viz:color``, ``viz:size``, ``viz:shape`` and
``viz:position`` (and ``viz:color``/``viz:thickness`` of styled links). Gephi's y axis points up
and the canvas's down, so GEXF positions are written with y negated: the graph opens the same
way up in both. "+N more" nodes are
canvas furniture and are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from explorer.core.style_resolution import resolved_styles
from explorer.services.exporters import Exporter, ExportJob, register


def rgb(color: str) -> tuple[int, int, int]:
    """``#rrggbb`` as integers (grey for anything else).

    >>> rgb("#0072B2")
    (0, 114, 178)
    """
    text = color.lstrip("#")
    if len(text) != 6:
        return (158, 158, 158)
    try:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except ValueError:
        return (158, 158, 158)


def evidence_text(job: ExportJob, fact: tuple[str, str, str]) -> str:
    return " | ".join(record.describe() for record in job.subgraph.evidence.get(fact, []))


def to_networkx(job: ExportJob) -> nx.MultiDiGraph:
    """The scene's visible entities and facts as a networkx multigraph with drawing attributes."""
    scene = job.scene
    graph = nx.MultiDiGraph(name=job.title)
    # A collapsed group is one node (its id, ``group:<n>``), with its members' links merged onto it.
    nodes = {node.id: node for node in scene.visible_nodes() if node.kind in ("entity", "group")}
    style = scene.measure_style
    looks = resolved_styles(scene)  # after the styling rules: what the canvas shows
    for node in nodes.values():
        look = looks.nodes[node.id]
        r, g, b = rgb(look.color)
        graph.add_node(
            node.entity,
            label=node.label, name=node.label, iri=node.entity,
            class_iri=node.class_iri, class_label=node.class_label,
            color=look.color.lower(), r=r, g=g, b=b,
            shape=look.shape, size=look.size, x=float(node.x), y=float(node.y), pinned=node.pinned,
        )  # fmt: skip
        if look.icon:
            graph.nodes[node.entity]["icon"] = look.icon
        if look.label != node.label:  # a styling rule shows another text, or none
            graph.nodes[node.entity]["display_label"] = look.label
        if node.kind == "group":
            graph.nodes[node.entity]["members"] = int(node.more_count)
        if style is not None:  # the measures behind size and colour, as columns Gephi and Cytoscape can map
            for measure, values in ((style.size_by, style.sizes), (style.color_by, style.colors)):
                if measure and node.entity in values:
                    graph.nodes[node.entity][measure] = int(values[node.entity]) if measure == "community" \
                        else float(values[node.entity])
    for edge in scene.visible_edges():
        source, target = nodes.get(edge.source), nodes.get(edge.target)
        if source is None or target is None or not (edge.predicate or "group" in (source.kind, target.kind)):
            continue
        fact = (source.entity, edge.predicate, target.entity)
        graph.add_edge(
            source.entity, target.entity, key=edge.id,
            label=edge.label or (job.kg.predicate_words(edge.predicate, True) if edge.predicate else ""),
            predicate=edge.predicate,
            evidence_count=int(edge.evidence_count), evidence=evidence_text(job, fact),
        )  # fmt: skip
        edge_look = looks.edges[edge.id]
        if edge_look.color is not None:
            graph.edges[source.entity, target.entity, edge.id]["color"] = edge_look.color.lower()
        if edge_look.width != 1.0:
            graph.edges[source.entity, target.entity, edge.id]["width"] = edge_look.width
    return graph


def write_graphml(job: ExportJob, path: Path) -> None:
    nx.write_graphml(with_notes(to_networkx(job), job), path, encoding="utf-8", prettyprint=True, named_key_ids=True)


#: GEXF 1.2 knows four node shapes: the canvas's shapes go to the nearest.
_GEXF_SHAPES = {"ellipse": "disc", "round-rect": "square", "box": "square", "diamond": "diamond", "hexagon": "disc",
                "triangle": "triangle", "triangle-down": "triangle", "star": "diamond"}


def write_gexf(job: ExportJob, path: Path) -> None:
    graph = with_notes(to_networkx(job), job)
    for _, data in graph.nodes(data=True):
        viz: dict[str, Any] = {
            "color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0},
            "position": {"x": data["x"], "y": -data["y"], "z": 0.0},
            "size": data["size"] / 2,
            "shape": _GEXF_SHAPES.get(data["shape"], "disc"),
        }
        data["viz"] = viz
    for *_, data in graph.edges(keys=True, data=True):
        if "color" in data or "width" in data:
            r, g, b = rgb(data.get("color", "#8a8a8a"))
            data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "thickness": data.get("width", 1.0)}
    nx.write_gexf(graph, path, encoding="utf-8", prettyprint=True, version="1.2draft")


def with_notes(graph: nx.MultiDiGraph, job: ExportJob) -> nx.MultiDiGraph:
    """The analyst's notes as a ``note`` attribute of the noted nodes and links (a column Gephi and yEd show)."""
    notes = job.scene.notes
    if notes:
        for node in job.scene.nodes.values():
            if notes.get(node.id) and node.entity in graph:
                graph.nodes[node.entity]["note"] = notes[node.id]
        for source, target, key in graph.edges(keys=True):
            if notes.get(key):
                graph.edges[source, target, key]["note"] = notes[key]
    return graph


register(Exporter("graphml", "GraphML (Cytoscape, yEd, Gephi)", ".graphml", write_graphml))
register(Exporter("gexf", "GEXF (Gephi)", ".gexf", write_gexf))

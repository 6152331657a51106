"""The benchmark: our code against rdflib's memory store and raw pyoxigraph, in one run.

    .venv/bin/python benchmarks/run.py --sizes 10k,100k,1m --write

Generates the graphs it needs (benchmarks/generate.py, git-ignored folder), then measures
each figure of issue 6 as the median of several runs — for our KnowledgeGraph and, on the
same files, for ``rdflib.Graph()`` and a bare ``pyoxigraph.Store`` doing the same task in
the plain way — and prints a Markdown table with the ratios and the machine. Every engine
runs in its own subprocess (a clean heap for its peak memory, and a hard stop for rdflib,
which takes minutes at a million triples: ``--rdflib-timeout``). ``--write`` stores the
table in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

KG = "https://w3id.org/kg-explorer/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
          "http://www.w3.org/2004/02/skos/core#altLabel")
KEYSTROKES = ("c", "ch", "chi", "chin", "china", "中", "中国")
ENGINES = ("ours", "oxigraph", "rdflib")

# The queries the app issued before they were reformulated (graph.py): what an app written
# straight against a SPARQL store would send. Baselines run these.
Q_CLASS_TOTALS = ("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t . "
                  "?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c } GROUP BY ?c")
Q_INSTANCES = ("SELECT DISTINCT ?s WHERE { ?s a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <" + KG
               + "Organization> } ORDER BY ?s LIMIT 200 OFFSET 1000")
Q_STATS = (
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER NOT EXISTS "
    "{ ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> } }",
    "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
)
SCHEMA = frozenset({RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#subClassOf",
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject",
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate",
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#object", "http://www.w3.org/ns/prov#wasDerivedFrom"})

# (key, label, unit) in table order.
FIGURES = [
    ("load_nt", "load N-Triples → ready to browse (parse, count, class tree with counts; the search index is read beside)", "s"),
    ("load_ttl", "load Turtle → ready to browse (as above)", "s"),
    ("search", "label search per keystroke (median of c…china, 中, 中国)", "ms"),
    ("search_worst", "label search, slowest keystroke", "ms"),
    ("neighbours", "neighbours of an entity", "ms"),
    ("neighbours_hub", "neighbours of a hub (5G, capped at 100 per direction)", "ms"),
    ("path6", "shortest path, 6 hops", "ms"),
    ("class_counts", "SPARQL: class hierarchy with counts", "ms"),
    ("instances", "SPARQL: browser listing (page of 200 at offset 1000)", "ms"),
    ("describe", "inspector: describe an entity", "ms"),
    ("stats", "SPARQL: statistics for the status bar (whole-graph scans; counted in a worker once a large graph is shown)", "ms"),
    ("peak_mb", "peak memory (load N-Triples + every figure above)", "MB"),
    ("workspace_load", "load N-Triples into an on-disk workspace", "s"),
    ("workspace_reopen", "reopen the on-disk workspace, ready to search", "s"),
]
#: Figures of a graph browsed from its workspace only (10m).
ON_DISK_FIGURES = [
    ("workspace_browse_mb", "peak memory browsing the reopened workspace (every figure above read from it)", "MB"),
]
#: Above this size the graph is browsed from the on-disk workspace only (and rdflib is not run).
IN_MEMORY_UP_TO = 1_000_000


# ====================================================================== timing helpers
def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bfs_path(adjacent: Callable[[str], Iterator[str]], source: str, target: str, max_hops: int) -> list[str] | None:
    """Bidirectional breadth-first search over an adjacency function (the baselines' path)."""
    if source == target:
        return [source]
    parents = [{source: None}, {target: None}]
    frontiers = [[source], [target]]
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        next_frontier = []
        for node in frontiers[side]:
            for other in adjacent(node):
                if other in parents[side]:
                    continue
                parents[side][other] = node
                if other in parents[1 - side]:
                    return _join(parents, other)
                next_frontier.append(other)
        frontiers[side] = next_frontier
        if not next_frontier:
            return None
    return None


def _join(parents: list[dict[str, str | None]], meet: str) -> list[str]:
    left, node = [], meet
    while node is not None:
        left.append(node)
        node = parents[0][node]
    right, node = [], parents[1][meet]
    while node is not None:
        right.append(node)
        node = parents[1][node]
    return list(reversed(left)) + right


# ====================================================================== engine workers
def worker(engine: str, nt: Path, ttl: Path, runs: int, fast_runs: int, emit: Callable[[str, Any], None]) -> None:
    """Every figure for one engine; each result is emitted as soon as it is known."""
    probes = generate.probes()
    load = {"ours": _load_ours, "oxigraph": _load_oxigraph, "rdflib": _load_rdflib}[engine]
    _warm_up(engine)
    graph = None
    for key, path in (("load_ttl", ttl), ("load_nt", nt)):
        times = []
        for _ in range(runs):
            _settle(graph)
            graph = None
            started = time.perf_counter()
            graph = load(path)
            times.append(time.perf_counter() - started)
        emit(key, statistics.median(times))
    assert graph is not None
    emit("peak_mb", peak_mb())  # again at the end; this one survives a stopped run
    tasks = {"ours": _ours_tasks, "oxigraph": _oxigraph_tasks, "rdflib": _rdflib_tasks}[engine](graph, probes)
    for key, action in tasks.items():
        if key == "search":
            per_key = [median_time(lambda q=q, act=action: act(q), fast_runs) for q in KEYSTROKES]
            emit("search", statistics.median(per_key))
            emit("search_worst", max(per_key))
            continue
        count = runs if key in ("class_counts", "stats", "instances") else fast_runs
        emit(key, median_time(action, count))
    emit("peak_mb", peak_mb())


def _settle(graph: Any) -> None:
    """Let the work a load left running beside the browsing (our label index) end before the next
    load is timed, so no load pays for the one before it."""
    wait = getattr(graph, "wait_for_labels", None)
    if wait is not None:
        wait()


def alternate_worker(nt: Path, ttl: Path, runs: int, emit: Callable[[str, Any], None]) -> None:
    """Ours and raw pyoxigraph loading the same file in turns in one process: the ratio from the
    same minutes (the engine workers run minutes apart, while the machine's speed moves)."""
    _warm_up("ours")
    _warm_up("oxigraph")
    for key, path in (("alternate_ttl", ttl), ("alternate_nt", nt)):
        turns: dict[str, list[list[float]]] = {"ours": [], "raw": []}
        for round_ in range(runs):
            order = (("raw", _load_oxigraph), ("ours", _load_ours))
            for name, load in order if round_ % 2 == 0 else order[::-1]:
                wall, cpu = time.perf_counter(), time.process_time()
                graph = load(path)
                turns[name].append([time.perf_counter() - wall, time.process_time() - cpu])
                _settle(graph)
                graph = None
        emit(key, turns)


def _warm_up(engine: str) -> None:
    """Imports and parser plugins once before the clock runs: a running app has them loaded."""
    import tempfile

    import numpy  # noqa: F401 - the search index's arrays

    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".nt", ".ttl"):
            sample = Path(folder) / f"warm{suffix}"
            sample.write_text('<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "a" .\n', encoding="utf-8")
            {"ours": _load_ours, "oxigraph": _load_oxigraph, "rdflib": _load_rdflib}[engine](sample)


def _load_ours(path: Path) -> Any:
    """What the window's load worker does before it shows the graph (build_graph): parse,
    count, class tree, and the statistics when they are quick (a large graph's are counted
    after it is shown, and measured on their own below). The search index is read on a
    thread of its own from then on; search waits for it (the per-keystroke figures below are
    taken after it, and _settle lets it end before the next load is timed)."""
    from explorer.core.graph import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.load([path], labels_after_ready=True)
    kg.class_hierarchy()
    if kg.statistics_are_quick():
        kg.stats()
    kg.start_reading_labels()
    return kg


def _ours_tasks(kg: Any, probes: dict[str, str]) -> dict[str, Callable[..., object]]:
    from explorer.core.paths import find_paths

    organisation = KG + "Organization"

    def class_counts() -> object:
        kg._class_cache = None
        kg._class_counts = None
        return kg.class_hierarchy()

    def instances() -> object:
        kg.backend.forget_caches()  # the sorted members of a class are cached in the store
        return kg.instances(organisation, limit=200, offset=1000)

    def path6() -> object:
        found = find_paths(kg, probes["path_source"], probes["path_target"], mode="shortest", max_hops=6)
        assert found and len(found[0].hops) == 6, "the generated graph lost its 6-hop path"
        return found

    def stats() -> object:
        kg._class_cache = None
        kg._class_counts = None
        return kg.stats()

    return {
        "search": lambda q: kg.search(q, 20),
        "neighbours": lambda: kg.neighbours(probes["entity"]),
        "neighbours_hub": lambda: kg.neighbours(probes["hub"]),
        "path6": path6,
        "class_counts": class_counts,
        "instances": instances,
        "describe": lambda: kg.describe(probes["entity"]),
        "stats": stats,
    }


def _load_oxigraph(path: Path) -> Any:
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE)
    return store


def _oxigraph_tasks(store: Any, probes: dict[str, str]) -> dict[str, Callable[..., object]]:
    import pyoxigraph as ox

    label_values = " ".join(f"<{p}>" for p in LABELS)
    label_node = ox.NamedNode(LABELS[1])

    def search(text: str) -> object:
        literal = json.dumps(text.lower(), ensure_ascii=False)
        return list(store.query(f"SELECT ?s ?l WHERE {{ VALUES ?p {{ {label_values} }} ?s ?p ?l "
                                f"FILTER(CONTAINS(LCASE(STR(?l)), {literal})) }} ORDER BY STRLEN(?l) LIMIT 20"))

    def neighbours(iri: str) -> object:
        node = ox.NamedNode(iri)
        edges = [(q.predicate, q.object) for q in store.quads_for_pattern(node, None, None)]
        edges += [(q.predicate, q.subject) for q in store.quads_for_pattern(None, None, node)]
        return [(p, o, next(iter(store.quads_for_pattern(o, label_node, None)), None))
                for p, o in edges[:200] if not isinstance(o, ox.Literal)]

    def adjacent(iri: str) -> Iterator[str]:
        node = ox.NamedNode(iri)
        for q in store.quads_for_pattern(node, None, None):
            if isinstance(q.object, ox.NamedNode) and q.predicate.value not in SCHEMA:
                yield q.object.value
        for q in store.quads_for_pattern(None, None, node):
            if isinstance(q.subject, ox.NamedNode) and q.predicate.value not in SCHEMA:
                yield q.subject.value

    return {
        "search": search,
        "neighbours": lambda: neighbours(probes["entity"]),
        "neighbours_hub": lambda: neighbours(probes["hub"]),
        "path6": lambda: bfs_path(adjacent, probes["path_source"], probes["path_target"], 6),
        "class_counts": lambda: list(store.query(Q_CLASS_TOTALS)),
        "instances": lambda: list(store.query(Q_INSTANCES)),
        "describe": lambda: list(store.query(f"DESCRIBE <{probes['entity']}>")),
        "stats": lambda: [list(store.query(q)) for q in Q_STATS],
    }


def _load_rdflib(path: Path) -> Any:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(str(path), format="nt" if path.suffix == ".nt" else "turtle")
    return graph


def _rdflib_tasks(graph: Any, probes: dict[str, str]) -> dict[str, Callable[..., object]]:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    predicates = [URIRef(p) for p in LABELS]

    def search(text: str) -> object:
        text = text.lower()
        hits = [(len(o), s, o) for p in predicates for s, _, o in graph.triples((None, p, None)) if text in str(o).lower()]
        return sorted(hits)[:20]

    def neighbours(iri: str) -> object:
        node = URIRef(iri)
        edges = [(p, o) for _, p, o in graph.triples((node, None, None))]
        edges += [(p, s) for s, p, _ in graph.triples((None, None, node))]
        return [(p, o, graph.value(o, RDFS.label)) for p, o in edges[:200] if not isinstance(o, Literal)]

    def adjacent(iri: str) -> Iterator[str]:
        node = URIRef(iri)
        for _, p, o in graph.triples((node, None, None)):
            if isinstance(o, URIRef) and str(p) not in SCHEMA:
                yield str(o)
        for s, p, _ in graph.triples((None, None, node)):
            if isinstance(s, URIRef) and str(p) not in SCHEMA:
                yield str(s)

    return {
        "search": search,
        "neighbours": lambda: neighbours(probes["entity"]),
        "neighbours_hub": lambda: neighbours(probes["hub"]),
        "path6": lambda: bfs_path(adjacent, probes["path_source"], probes["path_target"], 6),
        "class_counts": lambda: list(graph.query(Q_CLASS_TOTALS)),
        "instances": lambda: list(graph.query(Q_INSTANCES)),
        "describe": lambda: list(graph.query(f"DESCRIBE <{probes['entity']}>")),
        "stats": lambda: [list(graph.query(q)) for q in Q_STATS],
    }


def workspace_worker(mode: str, engine: str, nt: Path, folder: Path, emit: Callable[[str, Any], None]) -> None:
    """Load into / reopen an on-disk store (a fresh process each, as a user would)."""
    import gc

    if engine == "ours":
        import numpy  # noqa: F401 - imported by a running app already

        from explorer.core.graph import KnowledgeGraph

        started = time.perf_counter()
        if mode == "load":
            kg = KnowledgeGraph.open_workspace(folder)
            kg.load([nt])
            kg.backend.close()
            emit("workspace_load", time.perf_counter() - started)
        elif mode == "reopen":
            kg = KnowledgeGraph.open_workspace(folder)
            kg.search("china", 20)
            emit("workspace_reopen", time.perf_counter() - started)
        else:  # browse: the figures of the in-memory table, read from the reopened workspace
            kg = KnowledgeGraph.open_workspace(folder)
            kg.search("china", 20)
            tasks = _ours_tasks(kg, generate.probes())
            for key in ("instances", "stats"):  # they drop the saved caches or scan the whole store
                tasks.pop(key)
            for key, action in tasks.items():
                if key == "search":
                    per_key = [median_time(lambda q=q, act=action: act(q), 7) for q in KEYSTROKES]
                    emit("search", statistics.median(per_key))
                    emit("search_worst", max(per_key))
                else:
                    emit(key, median_time(action, 3 if key == "class_counts" else 7))
            emit("workspace_browse_mb", peak_mb())
        del kg
        gc.collect()
        return
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(str(folder))
    if mode == "load":
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        store.flush()
        emit("workspace_load", time.perf_counter() - started)
    else:
        emit("workspace_reopen", time.perf_counter() - started)


def cli_search(path: Path, runs: int, rdflib_timeout: float) -> dict[str, Any]:
    """``kg-explorer search --data FILE china`` against a script doing the same with rdflib's memory
    store (parse, then a scan of the labels), each a fresh process: start-up included.

    The two run in turns (ours, rdflib, ours, …), so that both medians come from the same
    minutes: the machine's speed moves between moments more than either program's time does.
    """
    ours_command = [sys.executable, "-m", "explorer", "search", "--data", str(path), "china"]
    rdflib_script = (
        "import sys, rdflib\n"
        "from rdflib.namespace import RDFS, SKOS\n"
        "g = rdflib.Graph(); g.parse(sys.argv[1], format='nt')\n"
        "hits = sorted({str(s) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for s, o in g.subject_objects(p)"
        " if 'china' in str(o).casefold()})[:20]\n"
        "print('\\n'.join(hits))\n")
    # An installed kg-explorer has its modules compiled (pip does it); run from a checkout with
    # PYTHONDONTWRITEBYTECODE set, every start would compile them again (0.12 s here), while
    # rdflib's come compiled from site-packages.
    compileall.compile_dir(str(REPO / "explorer"), quiet=1)
    result: dict[str, Any] = {"file": path.name}
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(ours_command, cwd=REPO, capture_output=True, text=True, timeout=600)
        ours.append(time.perf_counter() - started)
        if done.returncode != 0:
            result["ours_error"] = done.stderr.strip().splitlines()[-1:] or [str(done.returncode)]
        if "rdflib_stopped_s" in result:
            continue
        started = time.perf_counter()
        try:
            subprocess.run([sys.executable, "-c", rdflib_script, str(path)], capture_output=True,
                           timeout=rdflib_timeout, check=True)
            theirs.append(time.perf_counter() - started)
        except subprocess.TimeoutExpired:
            result["rdflib_stopped_s"] = rdflib_timeout
    result["ours_s"] = statistics.median(ours)
    result["ours_runs"] = ours
    if theirs and "rdflib_stopped_s" not in result:
        result["rdflib_s"] = statistics.median(theirs)
        result["rdflib_runs"] = theirs
    return result


def cli_search_text(figure: dict[str, Any]) -> str:
    ours = figure["ours_s"]
    if "rdflib_s" in figure:
        turns = ", ".join(f"{rdflib / mine:.1f}×" for mine, rdflib in zip(figure["ours_runs"], figure["rdflib_runs"],
                                                                          strict=False))
        versus = (f"rdflib's memory store {figure['rdflib_s']:.1f} s (median of {len(figure['rdflib_runs'])}, in turns "
                  f"with ours): **{figure['rdflib_s'] / ours:.1f}× faster** (each turn: {turns})")
    else:
        versus = f"rdflib's memory store stopped after {figure['rdflib_stopped_s']:.0f} s: > {figure['rdflib_stopped_s'] / ours:.0f}×"
    return (f"**CLI search** (`kg-explorer search --data {figure['file']} china`, a fresh process each, start-up "
            f"included; median of {len(figure['ours_runs'])}): {ours:.2f} s; {versus}.\n")


# ====================================================================== the parent process
def run_worker(args: list[str], timeout: float | None) -> tuple[dict[str, Any], bool]:
    """Run ``run.py --worker …`` and collect what it emitted before it ended or was stopped."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    results: dict[str, Any] = {}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    deadline = None if timeout is None else time.monotonic() + timeout
    stopped = False
    import selectors

    selector = selectors.DefaultSelector()
    assert process.stdout is not None
    selector.register(process.stdout, selectors.EVENT_READ)
    while True:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            process.kill()
            stopped = True
            break
        if not selector.select(remaining):
            continue
        line = process.stdout.readline()
        if not line:
            break
        if line.startswith("RESULT "):
            key, value = json.loads(line[7:])
            results[key] = value
    process.wait()
    if process.returncode not in (0, None) and not stopped:
        error = process.stderr.read().strip().splitlines() if process.stderr else []
        raise RuntimeError(f"benchmark worker {' '.join(args)} failed: {error[-1] if error else process.returncode}")
    return results, stopped


def window_on_screen(runs: int) -> float | None:
    """Seconds from starting ``kg-explorer`` to its main window painted (bundled graph)."""
    executable = Path(sys.executable).with_name("kg-explorer")
    if not executable.exists():
        return None
    env = dict(os.environ, KG_EXPLORER_EXIT_AFTER_SHOW="1", QT_QPA_PLATFORM="offscreen")
    import tempfile

    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            env.update(KG_EXPLORER_CONFIG_DIR=f"{home}/config", KG_EXPLORER_DATA_DIR=f"{home}/data")
            started = time.perf_counter()
            process = subprocess.Popen([str(executable)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
            assert process.stdout is not None
            shown = None
            for line in process.stdout:
                if "window shown" in line:
                    shown = time.perf_counter() - started
                    break
            process.wait(timeout=60)
            if shown is None:
                return None
            times.append(shown)
    return statistics.median(times)


def ui_loading(path: Path, workspace: Path | None = None) -> dict[str, Any] | None:
    """benchmarks/bench_ui_loading.py in its own process: event-loop stalls while ``path`` loads
    (into the on-disk ``workspace`` and then reopened, when given)."""
    script = HERE / "bench_ui_loading.py"
    if not script.exists():
        return None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    where = ["--workspace", str(workspace)] if workspace is not None else []
    done = subprocess.run([sys.executable, str(script), *where, str(path)], capture_output=True, text=True, env=env,
                          cwd=REPO, timeout=1800)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    from importlib.metadata import version

    libraries = ", ".join(f"{name} {version(name)}" for name in ("pyoxigraph", "rdflib", "PySide6-Essentials", "numpy"))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return {"CPU": f"{cpu}, {os.cpu_count()} cores", "RAM": memory, "load average at the end (1/5/15 min)": load,
            "OS": platform.platform(),
            "Python": platform.python_version(), "Libraries": libraries}


def _format(value: Any, unit: str, stopped_after: float | None = None) -> str:
    if value is None:
        return f"> {stopped_after:.0f} s (stopped)" if stopped_after else "—"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value * 1000:.1f} ms" if value * 1000 < 100 else f"{value * 1000:.0f} ms"
    return f"{value:.0f} MB"


def _ratio(base: Any, ours: Any, stopped: bool) -> str:
    if ours is None or ours <= 0:
        return "—"
    if base is None:
        return "> stopped" if stopped else "—"
    return f"{base / ours:.1f}×"


def measure_size(size: str, args: argparse.Namespace) -> dict[str, Any]:
    nt = generate.ensure(size, "nt")
    # At 10M only the N-Triples file is read (into the workspace): no 1.5 GB Turtle copy.
    ttl = generate.ensure(size, "ttl") if generate.SIZES[size] <= IN_MEMORY_UP_TO else nt
    triples = generate.SIZES[size]
    row: dict[str, Any] = {"size": size, "triples": triples, "engines": {}, "stopped": {}}
    on_disk_only = triples > IN_MEMORY_UP_TO
    for engine in ENGINES:
        if engine == "rdflib" and (args.no_rdflib or on_disk_only or triples > generate.parse_size(args.rdflib_max)):
            row["engines"][engine] = {}
            continue
        runs = 1 if (engine == "rdflib" and triples >= 1_000_000) else args.runs
        timeout = args.rdflib_timeout if engine == "rdflib" else None
        print(f"  {size}: {engine} …", file=sys.stderr, flush=True)
        results, stopped = ({}, False) if on_disk_only else run_worker(
            ["--worker", engine, "--nt", str(nt), "--ttl", str(ttl), "--runs", str(runs), "--fast-runs",
             str(args.fast_runs)], timeout)
        if stopped:
            row["stopped"][engine] = args.rdflib_timeout
        if engine != "rdflib":
            import shutil
            import tempfile

            folder = Path(tempfile.mkdtemp(prefix=f"kg-bench-{engine}-"))
            try:
                loaded, _ = run_worker(["--workspace", "load", "--engine", engine, "--nt", str(nt), "--folder", str(folder)], None)
                results.update(loaded)
                reopen = [run_worker(["--workspace", "reopen", "--engine", engine, "--nt", str(nt), "--folder", str(folder)],
                                     None)[0]["workspace_reopen"] for _ in range(args.runs)]
                results["workspace_reopen"] = statistics.median(reopen)
                if on_disk_only and engine == "ours":
                    browsed, _ = run_worker(["--workspace", "browse", "--engine", engine, "--nt", str(nt), "--folder",
                                             str(folder)], None)
                    results.update(browsed)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        row["engines"][engine] = results
    if not on_disk_only and not args.no_alternate:
        print(f"  {size}: ours and raw pyoxigraph in turns …", file=sys.stderr, flush=True)
        row["alternate"], _ = run_worker(["--alternate", "--nt", str(nt), "--ttl", str(ttl), "--runs", str(args.runs)],
                                         None)
    return row


def alternate_text(turns: dict[str, Any]) -> str:
    """The same-minute load figures of one size: medians of wall and CPU time, and the ratio."""
    parts = []
    for key, name in (("alternate_nt", "N-Triples"), ("alternate_ttl", "Turtle")):
        if key not in turns:
            continue
        ours, raw = turns[key]["ours"], turns[key]["raw"]
        wall = [statistics.median(t[0] for t in side) for side in (ours, raw)]
        cpu = [statistics.median(t[1] for t in side) for side in (ours, raw)]
        each = ", ".join(f"{o[0] / r[0]:.2f}" for o, r in zip(ours, raw, strict=True))
        parts.append(f"{name}: ours {wall[0]:.2f} s wall / {cpu[0]:.2f} s CPU, raw {wall[1]:.2f} / {cpu[1]:.2f} s — "
                     f"**{wall[0] / wall[1]:.2f}×** wall, {cpu[0] / cpu[1]:.2f}× CPU (each turn: {each})")
    return ("**Load → ready to browse, ours and raw pyoxigraph in turns in one process** (median of "
            f"{len(ours)} each): " + "; ".join(parts) + ".\n") if parts else ""


def table(rows: list[dict[str, Any]], window: float | None, canvas: list[dict[str, Any]] | None,
          loading: dict[str, Any] | None = None, loading_size: str = "") -> str:
    out = []
    for row in rows:
        ours, ox_, rd = (row["engines"].get(e, {}) for e in ENGINES)
        stopped = row["stopped"].get("rdflib")
        out.append(f"### {row['size']} triples ({row['triples']:,})\n")
        out.append("| figure | ours | rdflib memory store | raw pyoxigraph | ours vs rdflib | ours vs raw pyoxigraph |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for key, label, unit in FIGURES + [f for f in ON_DISK_FIGURES if f[0] in ours]:
            rd_value = rd.get(key)
            rd_text = _format(rd_value, unit, stopped if (stopped and rd_value is None and rd) else None)
            if not rd and not stopped:
                rd_text = "not run"
            elif key.startswith("workspace_"):
                rd_text = "— (no on-disk store)"  # rdflib's default store lives in memory only
            elif key == "peak_mb" and stopped and rd_value is not None:
                rd_text += " when stopped"
            if unit == "MB":
                vs_rd = f"{rd_value / ours[key]:.1f}× (rdflib/ours)" if rd_value and ours.get(key) else "—"
                vs_ox = f"{ox_[key] / ours[key]:.1f}× (raw/ours)" if ox_.get(key) and ours.get(key) else "—"
            else:
                vs_rd = _ratio(rd_value, ours.get(key), bool(stopped))
                vs_ox = _ratio(ox_.get(key), ours.get(key), False)
            if key.startswith("workspace_"):
                vs_rd = "—"
            if vs_rd == "> stopped" and ours.get(key):
                vs_rd = f"> {stopped / ours[key]:.0f}× (lower bound)" if unit == "s" else "—"
            out.append(f"| {label} | {_format(ours.get(key), unit)} | {rd_text} | {_format(ox_.get(key), unit)} "
                       f"| {vs_rd} | {vs_ox} |")
        out.append("")
        if row.get("alternate"):
            out.append(alternate_text(row["alternate"]))
    if window is not None:
        out.append(f"**Window on screen** after starting `kg-explorer` with the bundled graph (median): {window:.2f} s\n")
    if loading:
        if "error" in loading:
            out.append(f"**Loading in the app** ({loading_size}): the probe failed: {loading['error']}\n")
        else:
            full, cancel = loading["load"], loading["cancel"]
            stalls = "; ".join(full.get("stalls_over_60ms", [])) or "none over 60 ms"
            out.append(
                f"**Loading in the app** ({loading_size} N-Triples through the main window's loader in a worker, "
                f"benchmarks/bench_ui_loading.py): {full['outcome']} in {full['seconds']:.1f} s; longest event-loop "
                f"stall {full['max_stall_ms']} ms (a 10 ms timer probe; stalls: {stalls}); {full['progress_updates']} "
                f"progress updates ({full['distinct_fractions']} distinct fractions); Cancel after 1 s: "
                f"{cancel['outcome']}, {cancel.get('cancel_to_done_s', '—')} s from Cancel to done, longest stall "
                f"{cancel['max_stall_ms']} ms (including the second after).")
            replace = loading.get("replace")
            if replace:
                out[-1] += (
                    f" Replacing the loaded graph by the file again: {replace['outcome']} in {replace['seconds']:.1f} s, "
                    f"longest stall {replace['max_stall_ms']} ms, {replace.get('max_stall_after_done_ms', '—')} ms in "
                    f"the 1.5 s after the old graph was let go of; freeing the stores that waited took "
                    f"{replace.get('freeing_when_unseen_s', '—')} s (done by the app when its window is not in use).")
            added = loading.get("add")
            if added:
                out[-1] += (f" Adding a 100-triple file to the loaded graph: {added['outcome']} in {added['seconds']:.1f} s, "
                            f"longest stall {added['max_stall_ms']} ms.")
            out[-1] += "\n"
    if canvas:
        out.append("**Canvas** (benchmarks/bench_canvas.py, offscreen):\n")
        keys = list(dict.fromkeys(k for item in canvas for k in item))
        out.append("| " + " | ".join(keys) + " |")
        out.append("|" + "---|" * len(keys))
        for item in canvas:
            out.append("| " + " | ".join(str(item.get(k, "")) for k in keys) + " |")
        out.append("")
    return "\n".join(out)


def workspace_loading_text(loading: dict[str, Any], size: str) -> str:
    if "error" in loading:
        return f"**Building a workspace in the app** ({size}): the probe failed: {loading['error']}\n"
    parts = []
    for key, what in (("build", "built"), ("reopen", "reopened")):
        step = loading.get(key)
        if step:
            stalls = "; ".join(step.get("stalls_over_60ms", [])) or "none over 60 ms"
            parts.append(f"{what}: {step['outcome']} in {step['seconds']:.2f} s, longest event-loop stall "
                         f"{step['max_stall_ms']} ms, {step['ticks_over_100ms']} ticks over 100 ms (stalls: {stalls})")
    return (f"**Building a workspace in the app** ({size} N-Triples through the main window's loader in disk mode, then "
            f"reopening it; benchmarks/bench_ui_loading.py --workspace): " + "; ".join(parts) + ".\n")


def _sections_after_the_run(path: Path) -> str:
    """What follows the generated figures in ``path``: the sections written by hand ("## …"), kept."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        return ""
    for number, line in enumerate(lines):
        if line.startswith("## "):
            return "\n" + "".join(lines[number:])
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kg-explorer benchmarks (issue 6)")
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m, 10m (on disk only)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure for figures above 100 ms (median)")
    parser.add_argument("--fast-runs", type=int, default=7, help="runs per figure for fast figures (median)")
    parser.add_argument("--rdflib-max", default="1m", help="largest size rdflib is run at")
    parser.add_argument("--rdflib-timeout", type=float, default=360.0, help="stop rdflib after this many seconds per size")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--no-canvas", action="store_true", help="skip the canvas figures")
    parser.add_argument("--no-window", action="store_true", help="skip the window-on-screen and in-app loading figures")
    parser.add_argument("--no-cli-search", action="store_true", help="skip the CLI search against rdflib")
    parser.add_argument("--no-alternate", action="store_true",
                        help="skip loading with ours and raw pyoxigraph in turns in one process")
    parser.add_argument("--quick", action="store_true", help="one run each, no canvas/window (a check that it works)")
    parser.add_argument("--write", action="store_true", help="write the figures atop benchmarks/RESULTS.md (sections after them kept)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    # Internal: the per-engine subprocesses.
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--alternate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workspace", choices=("load", "reopen", "browse"), help=argparse.SUPPRESS)
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--nt", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ttl", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    def emit(key: str, value: Any) -> None:
        print("RESULT " + json.dumps([key, value]), flush=True)

    if args.worker:
        worker(args.worker, args.nt, args.ttl, args.runs, args.fast_runs, emit)
        return 0
    if args.alternate:
        alternate_worker(args.nt, args.ttl, args.runs, emit)
        return 0
    if args.workspace:
        workspace_worker(args.workspace, args.engine, args.nt, args.folder, emit)
        return 0
    if args.quick:
        args.runs, args.fast_runs, args.no_canvas, args.no_window, args.no_cli_search = 1, 1, True, True, True
        args.no_alternate = True

    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in generate.SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}: use {', '.join(generate.SIZES)}")
    started = time.perf_counter()
    rows = [measure_size(size, args) for size in sizes]
    in_memory = [s for s in sizes if generate.SIZES[s] <= IN_MEMORY_UP_TO]
    cli = None if args.no_cli_search or not in_memory else cli_search(
        generate.ensure(in_memory[-1], "nt"), max(args.runs, 3), args.rdflib_timeout)
    window = None if args.no_window else window_on_screen(max(args.runs, 3))
    loading = None if args.no_window or not in_memory else ui_loading(generate.ensure(in_memory[-1], "nt"))
    on_disk = [s for s in sizes if s not in in_memory]
    workspace_loading = None
    if on_disk and not args.no_window:
        with tempfile.TemporaryDirectory(prefix="kg-bench-ui-") as folder:
            workspace_loading = ui_loading(generate.ensure(on_disk[-1], "nt"), Path(folder) / "workspace")
    canvas = None
    if not args.no_canvas and (HERE / "bench_canvas.py").exists():
        import bench_canvas

        canvas = bench_canvas.run()
    info = machine()
    text = "\n".join([
        "# Benchmark results",
        "",
        f"Command: `.venv/bin/python benchmarks/run.py --sizes {','.join(sizes)}"
        f"{' --quick' if args.quick else ''}{' --write' if args.write else ''}` "
        f"(took {time.perf_counter() - started:.0f} s). Medians of {args.runs} runs "
        f"({args.fast_runs} for figures under 100 ms); rdflib at 1M: one run, stopped after {args.rdflib_timeout:.0f} s.",
        "Baselines do the same task the plain way: rdflib.Graph() (its parser, its SPARQL engine, a Python scan "
        "for label search) and a bare pyoxigraph.Store (its parser, SPARQL FILTER(CONTAINS) for search, the "
        "unreformulated SPARQL the app used to send, a breadth-first search over quads_for_pattern for paths).",
        "",
        "Machine: " + "; ".join(f"{k}: {v}" for k, v in info.items()),
        "",
        table(rows, window, canvas, loading, in_memory[-1] if in_memory else ""),
        workspace_loading_text(workspace_loading, on_disk[-1]) if workspace_loading else "",
        cli_search_text(cli) if cli else "",
    ])
    print(text)
    if args.write:
        args.out.write_text(text + "\n" + _sections_after_the_run(args.out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The on-disk workspace: the embedded store in a folder that reopens in about a second.

Beside the store the workspace keeps its label index and the counts behind the class tree,
so reopening an unchanged workspace rebuilds nothing and its class tree needs no scan; a load
into an empty or replaced workspace fills a staging folder in bulk and swaps it in at the end
(all or nothing).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from explorer.core.atomic import atomic_write
from explorer.core.backends.oxigraph import OxigraphBackend
from explorer.core.backends.store_tools import remove_tree
from explorer.core.errors import LoadError
from explorer.core.graph_model import ClassInfo
from explorer.core.label_store import load_index, save_index
from explorer.core.search import LabelIndex


class WorkspaceBackend(OxigraphBackend):
    """The embedded Oxigraph store in a workspace folder on disk."""

    LABEL_CACHE = "kg-explorer-labels.bin"
    #: Where older versions kept the label index (removed when the index is saved again).
    OLDER_LABEL_CACHE = "kg-explorer-labels.npz"
    CLASS_CACHE = "kg-explorer-classes.json"
    #: Table files known to hold what the caches were saved from (see _fingerprint_fits).
    CONFIRMED_TABLES = "kg-explorer-tables.json"

    def __init__(self, workspace: Path | str) -> None:
        super().__init__()
        self._workspace = Path(workspace)
        self._class_answers: dict[str, object] | None = None
        #: Counts up at every change, so an answer counted meanwhile is not saved for the changed store.
        self._generation = 0
        #: Label triples in the store, counted at most once between two changes.
        self._label_count: int | None = None
        #: The labels part of the fingerprint the caches were saved or found fitting under.
        self._fitting_labels: str | None = None
        try:
            mid_swap = Path(str(self._workspace) + ".old")
            if not self._workspace.exists() and mid_swap.is_dir():
                # A load was killed between the two renames of _swap_workspace: the old
                # store is whole, the staged one may not be — reopen the old one.
                os.replace(mid_swap, self._workspace)
            self._workspace.mkdir(parents=True, exist_ok=True)
            self.store = ox.Store(str(self._workspace))
        except OSError as error:
            raise LoadError(str(self._workspace), f"cannot open the workspace: {error}") from None

    @property
    def workspace(self) -> Path:
        return self._workspace

    def describe_target(self) -> str:
        return f"the workspace {self._workspace}"

    # ------------------------------------------------------------------ the saved label index
    def label_index(self) -> LabelIndex:
        """The label index saved with this workspace while the store is unchanged; else built
        from the store and saved for the next opening."""
        index = load_index(self._workspace / self.LABEL_CACHE, self._fingerprint_fits)
        if index is None:
            index = super().label_index()
            self.save_label_index(index)
        return index

    def forget_caches(self) -> None:
        super().forget_caches()
        self._generation += 1
        self.forget_saved_label_index()
        self._class_answers = None
        self._label_count = None
        self._fitting_labels = None
        for name in (self.CLASS_CACHE, self.CONFIRMED_TABLES):
            with contextlib.suppress(OSError):
                (self._workspace / name).unlink()

    # ------------------------------------------------------------------ the saved class counts
    # Counting the entities of every class scans every type triple: 30 s at ten million
    # triples. The answers are saved beside the store under the same fingerprint as the
    # label index and dropped (forget_caches) before any change set or load writes.
    def type_counts(self) -> dict[str, int]:
        return dict(self._saved("type_counts", super().type_counts))  # type: ignore[call-overload]

    def declared_classes(self) -> list[str]:
        return list(self._saved("declared_classes", super().declared_classes))  # type: ignore[call-overload]

    def subclass_edges(self) -> list[tuple[str, str]]:
        edges = self._saved("subclass_edges", super().subclass_edges)
        return [(str(child), str(parent)) for child, parent in edges]  # type: ignore[attr-defined]

    def class_counts(self, domain_classes: Sequence[str],
                     hierarchy: Mapping[str, ClassInfo]) -> tuple[dict[str, int], dict[str, int]]:
        # The hierarchy is read from the same unchanged store, so the classes asked about are the key.
        key = "class_counts " + " ".join(sorted(domain_classes))
        saved = self._saved(key, lambda: super(WorkspaceBackend, self).class_counts(domain_classes, hierarchy))
        pair: Sequence[Mapping[str, int]] = saved  # type: ignore[assignment]
        return dict(pair[0]), dict(pair[1])

    # The statistics (uses per predicate, entities and resources, quads and triples) scan the
    # whole store several times: a minute at ten million triples. Kept the same way.
    def statistics_at_hand(self) -> bool:
        # Only answers already read (the load or reopen worker read them): the GUI thread asks.
        answers = self._class_answers
        if answers is None:
            return False
        # One graph: the uses per predicate add up to the quads and triples (see KnowledgeGraph.stats).
        needed = ("predicate_counts", "entity_counts") + (() if self.single_graph() else ("quad_count", "triple_count"))
        return all(key in answers for key in needed)

    def predicate_counts(self) -> list[tuple[str, int]]:
        rows = self._saved("predicate_counts", super().predicate_counts)
        return [(str(predicate), int(count)) for predicate, count in rows]  # type: ignore[attr-defined]

    def entity_counts(self) -> tuple[int, int]:
        pair: Sequence[int] = self._saved("entity_counts", super().entity_counts)  # type: ignore[assignment]
        return int(pair[0]), int(pair[1])

    def quad_count(self) -> int:
        return int(self._saved("quad_count", super().quad_count))  # type: ignore[call-overload]

    def triple_count(self) -> int:
        return int(self._saved("triple_count", super().triple_count))  # type: ignore[call-overload]

    # A hub's incoming links are counted by the store (the page shows a hundred, "+N more"
    # the rest): at ten million triples, 65 ms for the count and 0.8 s to learn once whether
    # evidence records use a predicate. Both answers are kept with the counts above.
    def _statements_use(self, predicate: str) -> bool:
        if predicate not in self._statement_predicates:
            used = self._saved("statements use " + predicate,
                               lambda: OxigraphBackend._statements_use(self, predicate))
            self._statement_predicates[predicate] = bool(used)
        return self._statement_predicates[predicate]

    def _count_incoming_links(self, entity: str, wanted: set[str] | None, include_schema: bool) -> int:
        key = "incoming links " + json.dumps([entity, sorted(wanted) if wanted is not None else None, include_schema])
        count = self._saved(key, lambda: OxigraphBackend._count_incoming_links(self, entity, wanted, include_schema))
        return int(count)  # type: ignore[call-overload]

    def _saved(self, key: str, compute: Callable[[], object]) -> object:
        answers = self._class_answers
        if answers is None:
            answers = self._class_answers = self._read_class_answers()
        if key not in answers:
            generation = self._generation
            answer = json.loads(json.dumps(compute()))
            if generation != self._generation or answers is not self._class_answers:
                return answer  # the store changed while a worker counted: not kept for the new one
            answers[key] = answer
            self._write_class_answers(answers)
        return answers[key]

    def _read_class_answers(self) -> dict[str, object]:
        try:
            saved = json.loads((self._workspace / self.CLASS_CACHE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(saved, dict) or not isinstance(saved.get("fingerprint"), str) \
                or not isinstance(saved.get("answers"), dict) or not self._fingerprint_fits(saved["fingerprint"]):
            return {}
        return dict(saved["answers"])

    def _write_class_answers(self, answers: dict[str, object]) -> None:
        self.store.flush()
        fingerprint = self.fingerprint()
        if fingerprint is None:
            return
        target = self._workspace / self.CLASS_CACHE
        with contextlib.suppress(OSError):  # a cache: without it the next opening counts again
            partial = target.with_name(target.name + ".part")
            partial.write_text(json.dumps({"fingerprint": fingerprint, "answers": answers}), encoding="utf-8")
            os.replace(partial, target)

    def fingerprint(self) -> str | None:
        """What the on-disk store holds, cheaply: its number of label triples and the names
        and sizes of its table files."""
        tables = self._table_files()
        if tables is None:
            return None
        self._fitting_labels = f"labels={self._label_triple_count()}"
        return f"{self._fitting_labels}|{tables}"

    def _table_files(self) -> str | None:
        tables = []
        try:
            with os.scandir(self._workspace) as entries:
                for entry in entries:
                    if not entry.name.endswith(".sst"):
                        continue
                    try:
                        tables.append((entry.name, entry.stat().st_size))
                    except FileNotFoundError:
                        # Deleted by a background compaction while we looked: no longer part of
                        # the store. (Failing the whole fingerprint here left a fresh workspace
                        # without its saved index about one time in a hundred.)
                        continue
        except OSError:
            return None
        return ";".join(f"{name}:{size}" for name, size in sorted(tables))

    def _label_triple_count(self) -> int:
        if self._label_count is None:
            self._label_count = self._count_label_triples()
        return self._label_count

    def _count_label_triples(self) -> int:
        from explorer.core.vocab import LABEL_PREDICATES

        values = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
        answer = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}",
                                  use_default_graph_as_union=True)
        assert isinstance(answer, ox.QuerySolutions)
        for solution in answer:
            return int(solution[0].value)
        return 0

    def _fingerprint_fits(self, saved: str) -> bool:
        """Whether the store still holds the labels a saved index was built from.

        RocksDB writes every change into *new* table files; opening and reading a workspace
        only deletes obsolete ones. So no new table file means no change. New table files
        may also come from a background compaction: then the number of label triples decides
        (a count query, a fraction of a second even at a million triples).
        """
        saved_count, _, saved_tables = saved.partition("|")
        current_tables = self._table_files()
        if current_tables is None:
            return False
        saved_set = set(filter(None, saved_tables.split(";")))
        current_set = set(filter(None, current_tables.split(";")))
        if (current_set <= saved_set and (current_set or not saved_set)) \
                or (current_set and current_set <= self._confirmed_tables(saved_count)):
            self._fitting_labels = saved_count
            return True
        # Counting the labels took 1-1.6 s at ten million triples: once it has said yes, the
        # table files of now are recorded, so the next opening trusts them at once.
        if saved_count != f"labels={self._label_triple_count()}":
            return False
        self._fitting_labels = saved_count
        self._confirm_tables(current_set)
        return True

    def _confirmed_tables(self, labels: str) -> set[str]:
        try:
            confirmed = json.loads((self._workspace / self.CONFIRMED_TABLES).read_text(encoding="utf-8"))
            if confirmed["labels"] == labels:
                return {str(name) for name in confirmed["tables"]}
        except (OSError, ValueError, TypeError, KeyError):
            pass
        return set()

    def _confirm_tables(self, tables: set[str]) -> None:
        """Record that ``tables`` hold what the caches (saved under ``_fitting_labels``) were made from.

        Only while this process has the store open (Oxigraph locks the folder: no one else
        writes) and has written nothing since the caches were saved or found fitting (any
        write forgets them first): new table files are then its own compactions.
        """
        if self._fitting_labels is None:
            return
        with contextlib.suppress(OSError):  # without it the next opening counts the labels once
            atomic_write(self._workspace / self.CONFIRMED_TABLES,
                         json.dumps({"labels": self._fitting_labels, "tables": sorted(tables)}))

    def _confirm_current_tables(self) -> None:
        current = self._table_files()
        if current is not None and self._fitting_labels is not None:
            self._confirm_tables(set(filter(None, current.split(";"))))

    def cached_label_index(self) -> LabelIndex | None:
        """The label index saved with this workspace, if the store has not changed since."""
        return load_index(self._workspace / self.LABEL_CACHE, self._fingerprint_fits)

    def save_label_index(self, index: LabelIndex) -> None:
        """Keep the label index next to the workspace so reopening needs no rebuild."""
        self.store.flush()
        fingerprint = self.fingerprint()
        if fingerprint is not None:
            # A cache: without it the next opening rebuilds the index.
            with contextlib.suppress(OSError):
                save_index(index, self._workspace / self.LABEL_CACHE, fingerprint)
                (self._workspace / self.OLDER_LABEL_CACHE).unlink(missing_ok=True)

    def forget_saved_label_index(self) -> None:
        """Drop the saved label index: called before anything changes the store."""
        for name in (self.LABEL_CACHE, self.OLDER_LABEL_CACHE):
            with contextlib.suppress(OSError):
                (self._workspace / name).unlink()

    # ------------------------------------------------------------------ loading
    def _swap_workspace(self, handed_over: list[ox.Store]) -> None:
        """Make the staged store's folder the workspace; ``handed_over`` holds the only
        reference to the staged store."""
        staging = handed_over.pop()
        staging.flush()
        # Oxigraph keeps the folder open until the store goes: close it, then swap folders.
        del staging
        old = Path(str(self._workspace) + ".old")
        remove_tree(old)
        self.store = ox.Store()
        os.replace(self._workspace, old)
        os.replace(str(self._workspace) + ".staging", self._workspace)
        self.store = ox.Store(str(self._workspace))
        remove_tree(old)

    def close(self) -> None:
        self.store.flush()
        self._confirm_current_tables()

    def release(self) -> None:
        """Write what the store holds and let go of the folder (and its lock), so it can be
        reopened at once; an empty in-memory store takes its place."""
        self.store.flush()
        self._confirm_current_tables()
        self.store = ox.Store()


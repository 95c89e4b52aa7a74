"""Merges two versions of a session by meaning: by the ids of its elements, never by lines.

Two note-takers (or two branches of a git repository, or a sync client's
conflict copy) change the same session. ``merge(base, mine, theirs)`` keeps
every addition of both sides; a deletion applies unless the other side edited
the element; a field changed the same way on both sides is simply taken. A
field changed differently on both sides is a **conflict**: the merged session
keeps my value and records both values (and the base's) in ``[[conflicts]]``,
a table the file format keeps as it is, until someone resolves it
(``resolve``). Without a base (two files that share a session id) nothing is
ever dropped: every element of either side is kept.

Elements are matched by ``id`` (notes, participants, groups, rounds, votes,
actions, indicators) or by ``key`` (steps). Lists without ids (an action's
history, an indicator's readings, a round's turns) are merged as sequences:
what either side added is kept once. Within a step, notes added on both sides
are placed by capture time, stably; other new elements follow their
predecessor on the side that added them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from kumppani.session.model import Session

CONFLICTS_KEY = "conflicts"
"""The top-level array of tables where unresolved conflicts are kept in the file."""

_MISSING: Any = object()

# Fields whose two versions are combined rather than compared: the later time, and the
# longer time spent on a step (two co-writers' timers both count the same meeting; a
# conflict there would come back with every tick).
_LARGEST = frozenset({"modified", "spent_seconds"})
_MINE_ONLY = frozenset({"live", "format_version", "layout"})
"""``layout`` is the text of my file, which comments and unknown keys keep their places in."""
_KEYED = ("id", "key")


@dataclass
class Conflict:
    """One field both sides changed differently: where, and each side's value."""

    path: str
    """Where the field is: ``session.title``, ``session.steps.overall.notes.n-3f9a0c1b.text``."""
    mine: Any
    theirs: Any
    base: Any = None
    """The common ancestor's value; None without a base or when the field was added."""


@dataclass
class MergeResult:
    """The merged session, its conflicts, and what came in from the other side."""

    session: Session
    conflicts: list[Conflict] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)
    """How many elements of each kind (``notes``, ``actions`` …) came only from theirs."""

    @property
    def clean(self) -> bool:
        """True when nothing conflicted."""
        return not self.conflicts


class MergeError(ValueError):
    """The two versions are not versions of one session."""


def merge(base: Session | None, mine: Session, theirs: Session) -> MergeResult:
    """Merge ``mine`` and ``theirs`` (three-way with ``base``, two-way without)."""
    if base is None and mine.id != theirs.id:
        raise MergeError(f"{mine.id} != {theirs.id}")
    merger = _Merger(two_way=base is None)
    session = merger.value(base if base is not None else _MISSING, mine, theirs, "session")
    assert isinstance(session, Session)
    known = {conflict.path for conflict in merger.conflicts}
    earlier = [c for c in conflicts_of(mine) + conflicts_of(theirs) if c.path not in known]
    unique: dict[str, Conflict] = {}
    for conflict in [*earlier, *merger.conflicts]:
        unique.setdefault(conflict.path, conflict)
    set_conflicts(session, list(unique.values()))
    return MergeResult(session, list(unique.values()), _added(mine, session))


def _ids(session: Session) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {
        "participants": {person.id for person in session.participants},
        "actions": {action.id for action in session.actions},
        "indicators": {indicator.id for indicator in session.indicators},
    }
    for kind in ("notes", "groups", "rounds", "votes"):
        found[kind] = {item.id for step in session.steps for item in getattr(step, kind)}
    return found


def _added(mine: Session, merged: Session) -> dict[str, int]:
    """How many elements of each kind the merge brought that ``mine`` did not have."""
    before = _ids(mine)
    counts = {kind: len(ids - before[kind]) for kind, ids in _ids(merged).items()}
    return {kind: count for kind, count in counts.items() if count}


class _Merger:
    def __init__(self, *, two_way: bool) -> None:
        self.two_way = two_way
        self.conflicts: list[Conflict] = []

    # -- any value --------------------------------------------------------------------------
    def value(self, base: Any, mine: Any, theirs: Any, path: str) -> Any:
        if mine == theirs:
            return mine
        if base is not _MISSING and _same(mine, base):
            return theirs
        if base is not _MISSING and _same(theirs, base):
            return mine
        if _is_object(mine) and type(mine) is type(theirs):
            return self.record(base, mine, theirs, path)
        if isinstance(mine, list) and isinstance(theirs, list):
            return self.sequence(base, mine, theirs, path)
        if isinstance(mine, dict) and isinstance(theirs, dict):
            return self.mapping(base, mine, theirs, path)
        self.conflicts.append(
            Conflict(path, _plain(mine), _plain(theirs), None if base is _MISSING else _plain(base))
        )
        return mine

    # -- a dataclass, field by field ----------------------------------------------------------
    def record(self, base: Any, mine: Any, theirs: Any, path: str) -> Any:
        values: dict[str, Any] = {}
        for item in dataclasses.fields(mine):
            name = item.name
            ours, other = getattr(mine, name), getattr(theirs, name)
            if name in _MINE_ONLY:
                values[name] = ours
            elif name in _LARGEST:
                values[name] = max(ours, other)
            else:
                old = getattr(base, name) if _is_object(base) else _MISSING
                values[name] = self.value(old, ours, other, f"{path}.{name}")
        merged = dataclasses.replace(mine, **{k: v for k, v in values.items() if _init(mine, k)})
        for name, value in values.items():
            if not _init(mine, name):
                setattr(merged, name, value)
        return merged

    # -- a mapping (unknown keys, vote counts), key by key ------------------------------------
    def mapping(self, base: Any, mine: dict[str, Any], theirs: dict[str, Any], path: str) -> Any:
        old = base if isinstance(base, dict) else {}
        merged: dict[str, Any] = {}
        for key in [*mine, *(k for k in theirs if k not in mine)]:
            if path == "session.file_extra" and key == CONFLICTS_KEY:
                continue  # kept apart, see merge()
            ours, other = mine.get(key, _MISSING), theirs.get(key, _MISSING)
            before = old.get(key, _MISSING) if base is not _MISSING else _MISSING
            if ours is _MISSING or other is _MISSING:
                present = other if ours is _MISSING else ours
                if before is not _MISSING and _same(present, before) and not self.two_way:
                    continue  # deleted on one side, untouched on the other
                merged[key] = present
                continue
            merged[key] = self.value(before, ours, other, f"{path}.{key}")
        return merged

    # -- a list: by id when its elements have one, else as a sequence -------------------------
    def sequence(self, base: Any, mine: list[Any], theirs: list[Any], path: str) -> Any:
        key = _key_name(mine) or _key_name(theirs)
        old = base if isinstance(base, list) else []
        if key is None:
            if any(_is_object(item) for item in [*mine, *theirs]):
                return self.appended(old, mine, theirs, base is not _MISSING)
            return self.value_conflict(base, mine, theirs, path)
        return self.keyed(old, mine, theirs, path, key, base is not _MISSING)

    def value_conflict(self, base: Any, mine: Any, theirs: Any, path: str) -> Any:
        self.conflicts.append(
            Conflict(path, _plain(mine), _plain(theirs), None if base is _MISSING else _plain(base))
        )
        return mine

    def appended(self, old: list[Any], mine: list[Any], theirs: list[Any], based: bool) -> Any:
        """History, readings, turns: each side's additions kept once, deletions applied."""
        removed_by_theirs = [item for item in old if item not in theirs] if based else []
        removed_by_mine = [item for item in old if item not in mine] if based else []
        merged = [item for item in mine if item not in removed_by_theirs]
        for item in theirs:
            if item not in merged and item not in removed_by_mine:
                merged.append(item)
        return merged

    def keyed(
        self, old: list[Any], mine: list[Any], theirs: list[Any], path: str, key: str, based: bool
    ) -> list[Any]:
        before = {getattr(item, key): item for item in old}
        ours = {getattr(item, key): item for item in mine}
        other = {getattr(item, key): item for item in theirs}
        merged: list[Any] = []
        for ident, item in ours.items():
            if ident in other:
                base_item = before.get(ident, _MISSING)
                merged.append(self.value(base_item, item, other[ident], f"{path}.{ident}"))
            elif based and ident in before and _same(item, before[ident]):
                pass  # they deleted it and I did not touch it
            else:
                merged.append(item)
        for position, (ident, item) in enumerate(other.items()):
            if ident in ours:
                continue
            if based and ident in before and _same(item, before[ident]):
                continue  # I deleted it and they did not touch it
            _insert(merged, item, theirs[:position], key)
        return merged


def _insert(merged: list[Any], item: Any, before_it: Sequence[Any], key: str) -> None:
    """Place an element that only theirs has: by capture time, else after its predecessor."""
    created = getattr(item, "created", None)
    if isinstance(created, dt.datetime):
        index = len(merged)
        while index > 0 and _created(merged[index - 1]) > created:
            index -= 1
        merged.insert(index, item)
        return
    idents = [getattr(element, key) for element in merged]
    for previous in reversed(before_it):
        if getattr(previous, key) in idents:
            merged.insert(idents.index(getattr(previous, key)) + 1, item)
            return
    if before_it:
        merged.append(item)  # none of its predecessors is left: at the end
    else:
        merged.insert(0, item)  # first on their side: first here too


def _created(item: Any) -> dt.datetime:
    created = getattr(item, "created", None)
    return created if isinstance(created, dt.datetime) else dt.datetime.min.replace(tzinfo=dt.UTC)


def _is_object(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


_INIT_NAMES: dict[type, frozenset[str]] = {}


def _init(instance: Any, name: str) -> bool:
    """True when ``name`` is a constructor argument of the dataclass of ``instance``."""
    kind = instance.__class__
    names = _INIT_NAMES.get(kind)
    if names is None:
        names = frozenset(item.name for item in dataclasses.fields(instance) if item.init)
        _INIT_NAMES[kind] = names
    return name in names


def _key_name(items: list[Any]) -> str | None:
    for item in items:
        if _is_object(item):
            for key in _KEYED:
                if hasattr(item, key):
                    return key
            return None
    return None


def _same(value: Any, base: Any) -> bool:
    return base is not _MISSING and value == base


def _plain(value: Any) -> Any:
    """A value as the TOML file can hold it (enums as their value, elements as tables)."""
    if isinstance(value, Enum):
        return value.value
    if _is_object(value):
        return {
            item.name: _plain(getattr(value, item.name))
            for item in dataclasses.fields(value)
            if getattr(value, item.name) not in (None, "", [], {})
        }
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items() if item is not None}
    return "" if value is None else value


# -- conflicts kept in the file ---------------------------------------------------------------
def conflicts_of(session: Session) -> list[Conflict]:
    """The unresolved conflicts the session's file keeps."""
    found: list[Conflict] = []
    for table in session.file_extra.get(CONFLICTS_KEY, []):
        if isinstance(table, dict) and isinstance(table.get("path"), str):
            found.append(
                Conflict(
                    table["path"], table.get("mine", ""), table.get("theirs", ""), table.get("base")
                )
            )
    return found


def set_conflicts(session: Session, conflicts: list[Conflict]) -> None:
    """Keep ``conflicts`` in the session (as ``[[conflicts]]`` in its file); none removes it."""
    if not conflicts:
        session.file_extra.pop(CONFLICTS_KEY, None)
        return
    tables = []
    for conflict in conflicts:
        table: dict[str, Any] = {
            "path": conflict.path,
            "mine": conflict.mine,
            "theirs": conflict.theirs,
        }
        if conflict.base not in (None, ""):
            table["base"] = conflict.base
        tables.append(table)
    session.file_extra[CONFLICTS_KEY] = tables


def place_of(path: str) -> tuple[str, str, str]:
    """Where a conflict's path points: (step key or "", kind of element or "", field name)."""
    parts = path.split(".")[1:]
    step = kind = ""
    if parts[:1] == ["steps"] and len(parts) > 1:
        step, parts = parts[1], parts[2:]
    if len(parts) > 2 and parts[0] in _KINDS:
        kind, parts = parts[0], parts[2:]
    return step, kind, ".".join(parts)


_KINDS = frozenset({"notes", "participants", "actions", "indicators", "groups", "rounds", "votes"})


def resolve(session: Session, conflict: Conflict, choice: str) -> None:
    """Settle ``conflict`` with ``"mine"`` or ``"theirs"``: set the field, forget the conflict."""
    if choice not in ("mine", "theirs"):
        raise ValueError(choice)
    if choice == "theirs":
        _assign(session, conflict.path, conflict.theirs)
    set_conflicts(session, [c for c in conflicts_of(session) if c.path != conflict.path])


def _assign(session: Session, path: str, value: Any) -> None:
    parts = path.split(".")
    if parts[0] != "session":
        raise ValueError(path)
    target: Any = session
    names = parts[1:]
    for index, name in enumerate(names):
        last = index == len(names) - 1
        if isinstance(target, list):
            key = _key_name(target) or "id"
            target = next(item for item in target if getattr(item, key) == name)
            continue
        if isinstance(target, dict):
            if last:
                target[name] = value
                return
            target = target[name]
            continue
        if last:
            setattr(target, name, _coerce(getattr(target, name), value))
            return
        target = getattr(target, name)
    raise ValueError(path)


def _coerce(current: Any, value: Any) -> Any:
    """``value`` from the file, in the type the field has (an enum, a number)."""
    if isinstance(current, Enum):
        return type(current)(value)
    if value == "" and current is None:
        return None
    return value

"""A partner found from what a person typed: its id, its name, or the unique start of either.

Works on (id, name) pairs, so the interview's plain data and the model both use it.
A miss or an ambiguity is a LookupError whose message lists the candidates; the caller
says which option it came from.

Example:
    >>> pick_partner([("courts", "Juvenile Court"), ("probation", "County Probation")], "juv")
    'courts'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any


def _folded(text: str) -> str:
    """Lower case without accents, so `cafe` finds "Café"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def pick_partner(partners: Iterable[tuple[Any, Any]], typed: str) -> str:
    """The id of the partner `typed` names: an exact id or name first, else a unique prefix.

    `partners` are (id, name) pairs; a missing name (None, in a half-filled draft) is "".
    """
    pairs = [(str(pid), str(name or "")) for pid, name in partners]
    want = _folded(typed.strip())
    for test in (
        lambda pid, name: pid == typed,
        lambda pid, name: _folded(pid) == want or _folded(name) == want,
        lambda pid, name: _folded(pid).startswith(want) or _folded(name).startswith(want),
    ):
        found = list(dict.fromkeys(pid for pid, name in pairs if want and test(pid, name)))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            named = dict(pairs)
            candidates = "; ".join(f"{pid} ({named[pid]})" for pid in found)
            raise LookupError(f"{typed!r} could be any of: {candidates}; type more of it")
    known = ", ".join(pid for pid, _ in pairs) or "none yet"
    raise LookupError(f"no partner has an id or name starting with {typed!r} (ids: {known})")

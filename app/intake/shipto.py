"""The one address an order ships to: the ship-to a document names, matched to one of the
customer's addresses on file, or kept as written (a one-off); the customer's first address when
the document names none. Pure: values in, a ShipTo out.

A customer's `ship_to` holds its addresses separated by ';'. An order never gets all of them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

ON_FILE_MIN = 80  # token-set similarity (0-100) at which a written ship-to is an address on file ...
ON_FILE_MARGIN = 10  # ... when no other address on file comes this close
SITE_MIN = 90  # a site name alone ("Houston", "Werk 2") is that address when it is this much inside it


@dataclass(frozen=True)
class ShipTo:
    """Where the order goes: `address`; `on_file` says it is one of the customer's addresses;
    `written` is what the document said (None: it named none)."""

    address: str | None
    on_file: bool
    written: str | None
    reason: str


def on_file_addresses(ship_to: str | None) -> list[str]:
    """The customer's delivery addresses, in the order they were entered."""
    return [a.strip() for a in (ship_to or "").split(";") if a.strip()]


def resolve(written: str | None, addresses: list[str]) -> ShipTo:
    """The address an order ships to, from what the document wrote and the addresses on file."""
    if not written or not written.strip():
        first = addresses[0] if addresses else None
        return ShipTo(first, bool(first), None, "none written: the customer's first address on file"
                      if first else "none written and none on file")
    scored = sorted(((_likeness(written, a), a) for a in addresses), reverse=True)
    if scored:
        best, address = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0
        if best >= ON_FILE_MIN and best - runner_up >= ON_FILE_MARGIN:
            return ShipTo(address, True, written, f"'{written}' is the address on file ({best:.0f}% alike)")
        if best >= ON_FILE_MIN:
            return ShipTo(written, False, written,
                          f"'{written}' is like {len(scored)} addresses on file: kept as written")
    return ShipTo(written, False, written, f"'{written}' is not an address on file: a one-off delivery address")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _likeness(written: str, address: str) -> float:
    """How well what was written names this address; a short site name inside it counts fully
    ('Houston', 'Werk 2 Mannheim', 'Dallas DC') only when all its words are in the address."""
    w, a = _fold(written), _fold(address)
    if not w or not a:
        return 0.0
    words = set(w.split())
    if words <= set(a.split()):
        return max(SITE_MIN, fuzz.token_set_ratio(w, a))
    return fuzz.token_sort_ratio(w, a) if len(w.split()) > 3 else fuzz.token_set_ratio(w, a) * 0.8

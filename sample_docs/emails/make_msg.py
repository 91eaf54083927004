"""Write the Outlook .msg fixtures: a small compound-file (CFB v3) writer plus the MAPI
property streams of [MS-OXMSG]. extract-msg can read .msg but not write it.

    python sample_docs/emails/make_msg.py   # rewrites outlook-*.msg beside this file
"""
from __future__ import annotations

import itertools
import struct
from datetime import UTC, datetime
from pathlib import Path

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
PT_LONG, PT_SYSTIME, PT_UNICODE, PT_BINARY = 0x0003, 0x0040, 0x001F, 0x0102


class Node:
    """A storage (dict of children) or a stream (bytes) in the compound file."""

    def __init__(self, name: str, data: bytes | None = None):
        self.name, self.data, self.children = name, data, {}

    def add(self, node: Node) -> Node:
        self.children[node.name] = node
        return node


def write_cfb(root: Node) -> bytes:
    entries: list[Node] = []

    def collect(node: Node):
        node.index = len(entries)
        entries.append(node)
        for child in node.children.values():
            collect(child)

    collect(root)
    mini = bytearray()
    minifat: list[int] = []
    big: list[tuple[Node, bytes]] = []
    for e in entries[1:]:
        if e.data is None:
            continue
        if len(e.data) < CUTOFF:
            e.start = len(mini) // MINI if e.data else END
            n = -(-len(e.data) // MINI)
            minifat += [e.start + i + 1 for i in range(n - 1)] + ([END] if n else [])
            mini += e.data + b"\0" * (n * MINI - len(e.data))
        else:
            big.append((e, e.data))
    dir_bytes = b"".join(_dir_entry(e, entries) for e in entries)
    dir_bytes += _empty_dir() * (-len(entries) % 4)
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_bytes += b"\xff" * (-len(minifat_bytes) % SECTOR)
    chunks = [("dir", dir_bytes), ("minifat", minifat_bytes), ("mini", bytes(mini))]
    chunks += [(e, data) for e, data in big]
    sectors, fat, starts = bytearray(), [], {}
    for key, data in chunks:
        n = -(-len(data) // SECTOR)
        starts[id(key) if not isinstance(key, str) else key] = len(fat) if n else END
        fat += [len(fat) + i + 1 for i in range(n - 1)] + ([END] if n else [])
        sectors += data + b"\0" * (n * SECTOR - len(data))
    for e, _ in big:
        e.start = starts[id(e)]
    root.start = starts["mini"]
    root.size = len(mini)
    n_fat = 1
    while len(fat) + n_fat > n_fat * (SECTOR // 4):
        n_fat += 1
    fat_ids = list(range(len(fat), len(fat) + n_fat))
    fat += [FATSECT] * n_fat
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    dir_bytes = b"".join(_dir_entry(e, entries) for e in entries)  # starts now known
    dir_bytes += _empty_dir() * (-len(entries) % 4)
    sectors[0:len(dir_bytes)] = dir_bytes
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16,
                         0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, n_fat, starts["dir"], 0, CUTOFF,
                         starts["minifat"] if minifat else END, len(minifat_bytes) // SECTOR,
                         END, 0)
    header += b"".join(struct.pack("<I", i) for i in fat_ids) + b"\xff\xff\xff\xff" * (109 - n_fat)
    return header + bytes(sectors) + b"".join(struct.pack("<I", v) for v in fat)


def _dir_entry(e: Node, entries: list[Node]) -> bytes:
    name = e.name.encode("utf-16-le") + b"\0\0"
    kind = 5 if e is entries[0] else (1 if e.data is None else 2)
    kids = sorted(e.children.values(), key=lambda c: (len(c.name), c.name.upper()))
    for a, b in itertools.pairwise(kids):
        a.right = b.index  # siblings as a right-leaning chain: valid enough for readers
    child = kids[0].index if kids else NOSTREAM
    start = getattr(e, "start", END) if kind != 1 else 0
    size = getattr(e, "size", 0) if kind == 5 else (len(e.data) if kind == 2 else 0)
    return struct.pack("<64sHBBIII16sIQQIQ", name, len(name), kind, 1, NOSTREAM,
                       getattr(e, "right", NOSTREAM), child, b"\0" * 16, 0, 0, 0,
                       start if start is not None else END, size)


def _empty_dir() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                       b"\0" * 16, 0, 0, 0, 0, 0)


def add_props(storage: Node, props: list[tuple[int, int, object]], header: bytes) -> None:
    """The __properties_version1.0 stream plus one __substg1.0_ stream per variable value."""
    table = bytearray(header)
    for prop_id, ptype, value in props:
        tag = (prop_id << 16) | ptype
        if ptype == PT_UNICODE:
            data = str(value).encode("utf-16-le")  # the size below counts the terminator
        elif ptype == PT_BINARY:
            data = bytes(value)
        else:
            data = None
        if data is not None:
            storage.add(Node(f"__substg1.0_{prop_id:04X}{ptype:04X}", data))
            size = len(data) + (2 if ptype == PT_UNICODE else 0)
            table += struct.pack("<IIII", tag, 6, size, 0)
        elif ptype == PT_SYSTIME:
            ticks = int((value - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 1e7)
            table += struct.pack("<IIQ", tag, 6, ticks)
        else:
            table += struct.pack("<IIII", tag, 6, int(value), 0)
    storage.add(Node("__properties_version1.0", bytes(table)))


def make_msg(subject: str, body: str, sender: tuple[str, str], to: list[tuple[str, str]],
             sent: datetime, message_id: str, attachments: list[tuple[str, str, bytes]]) -> bytes:
    root = Node("Root Entry")
    names = root.add(Node("__nameid_version1.0"))
    for stream in ("00020102", "00030102", "00040102"):
        names.add(Node(f"__substg1.0_{stream}", b""))
    headers = (f"From: {sender[0]} <{sender[1]}>\r\nTo: "
               + ", ".join(f"{n} <{a}>" for n, a in to)
               + f"\r\nSubject: {subject}\r\nDate: {sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}"
               f"\r\nMessage-ID: <{message_id}>\r\nMIME-Version: 1.0\r\n\r\n")
    add_props(root, [
        (0x001A, PT_UNICODE, "IPM.Note"), (0x0037, PT_UNICODE, subject),
        (0x1000, PT_UNICODE, body), (0x0C1A, PT_UNICODE, sender[0]),
        (0x0C1F, PT_UNICODE, sender[1]), (0x0C1E, PT_UNICODE, "SMTP"),
        (0x0E04, PT_UNICODE, "; ".join(n for n, _ in to)), (0x1035, PT_UNICODE, f"<{message_id}>"),
        (0x007D, PT_UNICODE, headers), (0x0039, PT_SYSTIME, sent), (0x0E06, PT_SYSTIME, sent),
        (0x0E07, PT_LONG, 0x11 if attachments else 0x01), (0x3FFD, PT_LONG, 65001),
    ], struct.pack("<8sIIII8s", b"\0" * 8, len(to), len(attachments), len(to),
                   len(attachments), b"\0" * 8))
    for i, (name, addr) in enumerate(to):
        recip = root.add(Node(f"__recip_version1.0_#{i:08X}"))
        add_props(recip, [(0x3001, PT_UNICODE, name), (0x3003, PT_UNICODE, addr),
                          (0x39FE, PT_UNICODE, addr), (0x3002, PT_UNICODE, "SMTP"),
                          (0x0C15, PT_LONG, 1), (0x3000, PT_LONG, i)], b"\0" * 8)
    for i, (filename, mime, data) in enumerate(attachments):
        att = root.add(Node(f"__attach_version1.0_#{i:08X}"))
        add_props(att, [(0x3705, PT_LONG, 1), (0x3707, PT_UNICODE, filename),
                        (0x3704, PT_UNICODE, filename[:8]), (0x370E, PT_UNICODE, mime),
                        (0x3001, PT_UNICODE, filename), (0x0E21, PT_LONG, i),
                        (0x3701, PT_BINARY, data)], b"\0" * 8)
    return write_cfb(root)


PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

def write_fixtures(here: Path) -> None:
    (here / "outlook-po.msg").write_bytes(make_msg(
        "PO 88120 - bolts", "Hello,\r\n\r\nplease send 40 x HB-1240 by Friday. PO 88120.\r\n\r\n"
        "Kind regards,\r\nRita Rossi\r\n", ("Rita Rossi", "rita.rossi@example-buyer.com"),
        [("Orders", "orders@northwind.example")], datetime(2024, 3, 4, 9, 0, tzinfo=UTC),
        "outlook-88120@example-buyer.com", [("PO-88120.pdf", "application/pdf", PDF)]))
    not_msg = Node("Root Entry")
    not_msg.add(Node("WordDocument", b"not an Outlook message" * 10))
    (here / "outlook-not-a-message.msg").write_bytes(write_cfb(not_msg))


if __name__ == "__main__":
    write_fixtures(Path(__file__).resolve().parent)

"""BinHex 4.0 (application/mac-binhex40) attachments: the file name and data fork.

The standard library dropped `binhex` in Python 3.11, so this is the small
decoder: 6-bit text -> bytes, run-length expansion, then the header.
"""
from __future__ import annotations

ALPHABET = "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
RUN = 0x90
MAX_DECODED = 64 * 1024 * 1024  # run-length expansion can make 3 bytes 255: a bomb past this


def decode_binhex(data: bytes) -> tuple[str, bytes] | None:
    """(file name, data fork) of a BinHex 4.0 text, or None if it is not one."""
    text = data.decode("latin-1")
    start = text.find("(This file must be converted with BinHex")
    colon = text.find(":", start if start >= 0 else 0)
    if colon < 0:
        return None
    end = text.find(":", colon + 1)
    body = text[colon + 1:end if end > 0 else None]
    try:
        raw = _unrle(_six_bit(body))
        return _split(raw)
    except (KeyError, IndexError, ValueError):
        return None


def _six_bit(body: str) -> bytes:
    out = bytearray()
    acc = bits = 0
    for ch in body:
        if ch in " \t\r\n":
            continue
        acc = ((acc << 6) | _VALUE[ch]) & 0xFFFF  # unmasked, it grows into a huge int: quadratic
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def _unrle(raw: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(raw):
        b = raw[i]
        if b == RUN and i + 1 < len(raw):
            count = raw[i + 1]
            if count == 0:
                out.append(RUN)
            elif out:
                out.extend(out[-1:] * (count - 1))
                if len(out) > MAX_DECODED:
                    raise ValueError("binhex data expands past the limit")
            i += 2
            continue
        out.append(b)
        i += 1
    return bytes(out)


def _split(raw: bytes) -> tuple[str, bytes]:
    n = raw[0]
    name = raw[1:1 + n].decode("mac_roman")
    pos = 1 + n + 1 + 4 + 4 + 2  # name, version byte, type, creator, flags
    data_len = int.from_bytes(raw[pos:pos + 4], "big")
    pos += 4 + 4 + 2  # data length, resource length, header CRC
    if pos + data_len > len(raw):
        raise ValueError("truncated data fork")
    return name, raw[pos:pos + data_len]

"""One MIME part at a time: its text in the right charset, its attachment, its defects."""
from __future__ import annotations

import codecs
import re
from email.message import Message

from extractors.email.message.attachments import (
    BINHEX_TYPES,
    TNEF_MAGIC,
    TNEF_TYPES,
    Attachment,
    clean_filename,
    default_filename,
    effective_type,
    sniff,
    unpack_binhex,
    unpack_tnef,
)
from extractors.email.message.headers import decode_words

# Labels that are wrong in practice: mail marked latin-1 is written in Windows-1252.
CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "utf-8", "ascii": "utf-8", "ansi_x3.4-1968": "utf-8",
                   "iso-8859-8-i": "iso-8859-8", "ks_c_5601-1987": "cp949",
                   "x-unknown": "utf-8", "unknown-8bit": "utf-8", "gb2312": "gb18030",
                   "gbk": "gb18030"}
DEFECT_CODES = {
    "NoBoundaryInMultipartDefect": "missing_boundary",
    "StartBoundaryNotFoundDefect": "missing_boundary",
    "CloseBoundaryNotFoundDefect": "missing_boundary",
    "MultipartInvariantViolationDefect": "missing_boundary",
    "InvalidBase64PaddingDefect": "bad_base64",
    "InvalidBase64CharactersDefect": "bad_base64",
    "InvalidBase64LengthDefect": "bad_base64",
    "MissingHeaderBodySeparatorDefect": "bad_header_block",
    "FirstHeaderLineIsContinuationDefect": "bad_header_block",
    "MisplacedEnvelopeHeaderDefect": "bad_header_block",
    "UndecodableBytesDefect": "bad_bytes",
    "NonPrintableDefect": "bad_header",
}
IGNORED_DEFECTS = {"ObsoleteHeaderDefect"}  # old but legal syntax, everywhere in real mail
_NAME_PARAM = re.compile(r'(?:^|;)\s*(?:file)?name\*?(?:\*\d+\*?)?\s*=\s*"?([^";\r\n]+)', re.I)


def decode_bytes(payload: bytes, charset: str | None) -> tuple[str, str | None]:
    """(text, defect): the declared charset, else UTF-8, else Windows-1252 with replacement."""
    name = (charset or "").strip().strip('"').lower()
    name = CHARSET_ALIASES.get(name, name) or "utf-8"
    defect = None
    try:
        codecs.lookup(name)
    except LookupError:
        defect, name = f"unknown_charset: {charset}", "utf-8"
    if _single_byte(name) and not payload.isascii():
        try:  # UTF-8 sent under a latin label: valid UTF-8 is almost never an accident
            return payload.decode("utf-8"), "charset_mismatch: utf-8 labelled " + str(charset)
        except UnicodeDecodeError:
            pass
    try:
        return payload.decode(name), defect
    except UnicodeDecodeError:
        pass
    if name == "utf-8":
        return payload.decode("cp1252", "replace"), defect
    return payload.decode(name, "replace"), defect or f"bad_charset: {charset}"


def _single_byte(name: str) -> bool:
    return name.startswith(("iso-8859", "iso8859", "cp125", "windows-125"))


def fix_surrogates(text: str) -> str:
    """Raw 8-bit bytes left in a header: UTF-8 if they are, else Windows-1252."""
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def part_text(part: Message) -> tuple[str, str | None]:
    payload = part.get_payload(decode=True) or b""
    text, defect = decode_bytes(payload, part.get_content_charset())
    return text.replace("\r\n", "\n").replace("\r", "\n"), defect


def part_filename(part: Message) -> str | None:
    """The file name, RFC 2231 and RFC 2047 decoded, even from malformed parameters."""
    name = None
    try:
        name = part.get_filename()
    except Exception:  # broken parameter: read the raw header below
        name = None
    if not name or "\ufffd" in name:  # missing, or raw 8-bit bytes the parser replaced
        name = None
        for header in ("Content-Disposition", "Content-Type"):
            for key, value in part.raw_items():
                if key.lower() == header.lower():
                    m = _NAME_PARAM.search(str(value))
                    if m:
                        name = m.group(1).strip()
                        break
            if name:
                break
    if name and "=?" in name:
        name = decode_words(name)
    if name:
        name = fix_surrogates(name)
    return clean_filename(name)


def part_attachment(part: Message, index: int) -> tuple[list[Attachment], list[str], str | None]:
    """(files, defects, body text) of a leaf part that is not the body."""
    declared = part.get_content_type()
    if declared.startswith("message/"):
        data = part.as_bytes()
    else:
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
    filename = part_filename(part)
    disp = part.get_content_disposition()
    cid = str(part.get("Content-ID", "") or "").strip().strip("<>") or None
    inline = disp == "inline" or (disp is None and cid is not None)
    ctype = effective_type(declared, data, filename)
    att = Attachment(filename or default_filename(ctype, index), ctype, data, inline, cid)
    is_tnef = ctype in TNEF_TYPES or declared in TNEF_TYPES or (
        (filename or "").lower() == "winmail.dat" and data.startswith(TNEF_MAGIC))
    if is_tnef:
        files, body, defect = unpack_tnef(att)
        if defect:  # not TNEF after all (a PNG named winmail.dat exists): say what it is
            att.content_type = effective_type("", data, None) if sniff(data) else ctype
        return files, [defect] if defect else [], body
    if declared in BINHEX_TYPES:
        att, defect = unpack_binhex(att)
        return [att], [defect] if defect else [], None
    return [att], [], None


def collect_defects(msg: Message) -> list[str]:
    """Malformations the parser noticed, as 'code: Class in part' strings, no repeats."""
    found: list[str] = []
    for part in msg.walk():
        where = part.get_content_type()
        for d in getattr(part, "defects", []) or []:
            found.append(_describe(d, where))
    for key in set(msg.keys()):
        try:
            for value in msg.get_all(key) or []:
                for d in getattr(value, "defects", ()) or ():
                    if type(d).__name__ == "UndecodableBytesDefect" and _utf8(str(value)):
                        continue  # raw UTF-8 in a header is allowed (RFC 6532)
                    found.append(_describe(d, f"header {key}"))
        except Exception as exc:  # the header cannot even be parsed
            found.append(f"bad_header: {type(exc).__name__} in header {key}")
    return [d for d in dict.fromkeys(found) if d]


def _utf8(value: str) -> bool:
    try:
        value.encode("utf-8", "surrogateescape").decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _describe(defect, where: str) -> str:
    name = type(defect).__name__
    if name in IGNORED_DEFECTS:
        return ""
    code = DEFECT_CODES.get(name) or ("bad_header" if "Header" in name or "Date" in name
                                      else name)
    return f"{code}: {name} in {where}"

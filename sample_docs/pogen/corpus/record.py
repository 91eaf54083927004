"""What a learner needs beside the truth: where each field's value and label
were printed, and the line table's structure page by page (the layout file)."""

from __future__ import annotations

from .pen import Box, union


def _box(b) -> list[float] | None:
    return [round(v, 2) for v in b] if b else None


class Recorder:
    def __init__(self):
        self.fields: dict[str, list[dict]] = {}
        self.tables: dict[int, dict] = {}
        self.kv_items: list[dict] = []

    def field(
        self, name: str, page: int, box, text: str, label: str | None = None, label_box: Box | None = None, **extra
    ) -> None:
        """One printed occurrence of a field; `box` may be a list of boxes (a block of lines)."""
        if isinstance(box, list):
            box = union(box)
        entry = {
            "page": page,
            "bbox": _box(box),
            "text": text,
            "label": {"text": label, "bbox": _box(label_box)} if label and label_box else None,
        }
        entry.update(extra)
        self.fields.setdefault(name, []).append(entry)

    def table_page(self, page: int, columns: list[dict]) -> dict:
        if page not in self.tables:
            self.tables[page] = {"page": page, "bbox": None, "header": None, "columns": columns, "rows": []}
        return self.tables[page]

    def row(
        self,
        page: int,
        kind: str,
        box: Box,
        item: int | None = None,
        cells: list[dict] | None = None,
        text: str | None = None,
    ) -> None:
        row = {"kind": kind, "bbox": _box(box)}
        if item is not None:
            row["item"] = item
        if cells is not None:
            row["cells"] = cells
        if text is not None:
            row["text"] = text
        self.tables[page]["rows"].append(row)

    def header(self, page: int, box: Box) -> None:
        self.tables[page]["header"] = {"bbox": _box(box)}

    def close_tables(self) -> None:
        """Each page's table box: its header and its rows other than the page footer."""
        for t in self.tables.values():
            boxes = [r["bbox"] for r in t["rows"] if r["kind"] != "page_footer"]
            if t["header"]:
                boxes.append(t["header"]["bbox"])
            box = union(boxes)
            if box:
                x0 = min(c["x0"] for c in t["columns"])
                x1 = max(c["x1"] for c in t["columns"])
                t["bbox"] = _box((min(box[0], x0), box[1], max(box[2], x1), box[3]))

    def layout(self, **head) -> dict:
        self.close_tables()
        pages = [self.tables[p] for p in sorted(self.tables)]
        return {
            **head,
            "fields": self.fields,
            "table": {"pages": pages} if pages else None,
            "kv_items": self.kv_items or None,
        }


def cell(role: str, box: Box, text: str, key: str | None = None) -> dict:
    out = {"role": role, "bbox": _box(box), "text": text}
    if key and key != role:
        out["column"] = key
    return out

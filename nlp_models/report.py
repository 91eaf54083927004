"""The README's results table, written from metrics.json between the metrics markers."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).parent / "README.md"
START, END = "<!-- metrics:start -->", "<!-- metrics:end -->"


def _f(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(m: dict) -> str:
    lines = ["| set | trained on | texts | label macro-F1 | instr. precision | instr. recall |",
             "|---|---|---|---|---|---|"]
    for name, r in m["cross_corpus"].items():
        per = ", ".join(f"{lb} {v['f1']:.2f}" for lb, v in r["per_label"].items())
        lines.append(f"| {name} (cross-corpus; {per}) | other corpora + own | {r['texts']} | "
                     f"**{_f(r['macro_f1'])}** | | |")
    for key, label in (("desk_dev", "desk-dev 001-075 (errors studied)"), ("desk_test", "desk-test 076-225"),
                       ("own_handwritten_test", "own test: handwritten_test.txt"),
                       ("own_handwritten_short_test", "own test: handwritten_short_test.txt")):
        if key in m:
            r, i = m[key], m[key].get("instructions") or {}
            if not i.get("support"):  # no instruction in this set: precision and recall mean nothing
                i = {}
            lines.append(f"| {label} | shipped recipe | {r['texts']} | **{_f(r['macro_f1'])}** | "
                         f"{_f(i.get('precision'))} | {_f(i.get('recall'))} |")
    return "\n".join(lines)


def write_readme(m: dict, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return
    body = f"{START}\n{table(m)}\n{END}"
    readme.write_text(text[:text.index(START)] + body + text[text.index(END) + len(END):], encoding="utf-8")

"""The classification stream: one JSON string per line in, one JSON object per line out."""

import io
import json
import subprocess
import sys
from pathlib import Path

from nlp_models.classifier import load_classifier
from nlp_models.cli import classify_stream

ROOT = Path(__file__).parents[2]


def test_stream_prints_one_object_per_input_line_in_order():
    texts = ["Please cancel PO 1144.", "What is the status of order 3312?", "Thanks for the confirmation!"]
    stdin = io.StringIO("".join(json.dumps(t) + "\n" for t in texts))
    stdout = io.StringIO()

    count = classify_stream(stdin, stdout, load_classifier())

    rows = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert count == 3 and len(rows) == 3
    assert [r["label"] for r in rows] == ["cancel_order", "status_inquiry", "other"]
    assert all(set(r) >= {"label", "score", "instructions"} for r in rows)
    assert all(isinstance(r["instructions"], dict) for r in rows)


def test_stream_without_classifier_sends_everything_to_review():
    stdout = io.StringIO()
    classify_stream(io.StringIO('"Please cancel PO 1"\n"hello"\n'), stdout, None)
    assert [json.loads(line)["label"] for line in stdout.getvalue().splitlines()] == ["review", "review"]


def test_module_runs_as_command():
    proc = subprocess.run([sys.executable, "-m", "nlp_models.cli"], input='"Please cancel our order 55123."\n',
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["label"] == "cancel_order"

"""`python -m extractors FILE...`: print the extraction of each file as one JSON object."""
import json
import sys
from pathlib import Path

from extractors.errors import DocumentError
from extractors.read import extract_document


def main(argv: list[str]) -> int:
    status = 0
    for name in argv:
        try:
            result = extract_document(Path(name).read_bytes()).to_result()
        except DocumentError as exc:
            result = {"error": {"code": exc.code, "message": exc.message}}
            status = 1
        print(json.dumps(result, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

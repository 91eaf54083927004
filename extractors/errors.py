"""Errors a reader raises for a document it cannot read; each has a stable code."""


class DocumentError(Exception):
    """A document that cannot be read. `code` is stable; tests assert on it."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


# Stable codes
EMPTY_FILE = "empty_file"
UNSUPPORTED_TYPE = "unsupported_type"
CORRUPT_PDF = "corrupt_pdf"
ENCRYPTED_PDF = "encrypted_pdf"
TOO_MANY_PAGES = "too_many_pages"
CORRUPT_IMAGE = "corrupt_image"
IMAGE_TOO_LARGE = "image_too_large"
OCR_UNAVAILABLE = "ocr_unavailable"
# Reading in the sandbox (extractors/sandbox.py): a hostile file stopped, not the service
PARSE_TIMEOUT = "parse_timeout"
PARSE_MEMORY = "parse_memory"
PARSE_CRASHED = "parse_crashed"

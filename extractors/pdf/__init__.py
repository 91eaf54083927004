"""PDF files: the text layer as words with boxes, whether a page has real text, active content, and the one pdfium lock."""

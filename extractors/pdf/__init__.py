"""PDF files: the text layer as words with boxes, whether a page has real text, the active
content a file carries, and the one pdfium lock."""

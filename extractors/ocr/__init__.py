"""Scanned pages and images into words with boxes: tesseract, the page clean-up before it (prepare/) and the repairs of what it misreads (repair/)."""

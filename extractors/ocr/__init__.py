"""Scanned pages and images into words with boxes: tesseract, the clean-up of the page before
it (prepare/) and the repairs of what it misreads (repair/)."""

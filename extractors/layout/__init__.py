"""Where words sit on a page: words into text lines and phrases (segments), boxes and overlaps."""

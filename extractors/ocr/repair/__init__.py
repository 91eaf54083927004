"""What OCR misreads, repaired only where something confirms it: letters read for digits in
one token, and numbers, totals and dates whose values or labels came out wrong, confirmed by
the order's arithmetic or by chronology."""

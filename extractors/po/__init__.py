"""Purchase-order fields and line items from pages of words: label vocabularies and where
values sit, header fields, parties, the item table, and the cross-checks."""

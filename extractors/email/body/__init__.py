"""The text of an email body: what the sender wrote now (split from quotes, signature and
disclaimers), and the PO in it: order lines mentioned in lists, sentences and tables, dates,
PO number and ship-to."""

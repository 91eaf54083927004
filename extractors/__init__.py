"""Documents in, words and PO fields out; nothing here imports from app/.

read.py is the entry (bytes -> pages of words -> Extraction) and model.py the model they
share. pdf/ and ocr/ turn PDFs and images into words (textpages.py plain text), layout/
groups words into lines and phrases, po/ reads PO fields and items from them and email/
reads emails. confidence.py is the calibration table, normalize.py turns printed dates,
amounts and currencies into values, errors.py holds the stable error codes and sandbox.py
runs a reader in a limited child process.
"""

"""One email message as a `ParsedEmail`: .eml (MIME parts, headers, charsets, attachments,
TNEF and BinHex, HTML bodies) and Outlook .msg; malformed mail is parsed as far as it goes
and flagged."""

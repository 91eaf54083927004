"""Emails: the message read into headers, body text and attachments (message/), and the PO
written in its body (body/)."""

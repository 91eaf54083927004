"""Fixtures of the email tests: a fake outbound mail server on loopback."""
from __future__ import annotations

import email.message
import email.policy

import pytest
from aiosmtpd.controller import Controller

from tests.app.helpers import free_port


class Sink:
    """A fake outbound mail server: keeps every message it is sent."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                      policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp_sink():
    sink = Sink()
    ctl = Controller(sink, hostname="127.0.0.1", port=free_port())
    ctl.start()
    sink.port = ctl.port
    yield sink
    ctl.stop()

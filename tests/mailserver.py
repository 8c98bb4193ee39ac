"""A real SMTP server for the tests: aiosmtpd on a free port, in a thread of the test process.

It keeps every message it accepts, can be stopped and started again on the same port (an
outage), answers chosen recipients with an error (``refuse``), and can hold the n-th message
(``hold``) either before accepting it or after accepting it and before answering "250" — the
two moments at which a worker may be killed.
"""

import asyncio
import email
import socket
import threading
import time
from collections import Counter
from email import policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Hold:
    """Hold the ``number``-th message (counting from 1) ``"before"`` or ``"after"`` accepting
    it, until ``release()``; ``reached`` is set when the message is held."""

    def __init__(self, number: int, moment: str):
        self.number, self.moment = number, moment
        self.reached = threading.Event()
        self.released = threading.Event()

    def release(self):
        self.released.set()

    async def wait(self):
        self.reached.set()
        while not self.released.is_set():
            await asyncio.sleep(0.02)


class _Handler:
    def __init__(self, server: "MailServer"):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        answer = self.server.refuse.get(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.server.seen += 1
        hold = self.server.hold
        holding = hold is not None and hold.number == self.server.seen
        if holding and hold.moment == "before":
            await hold.wait()  # a client killed meanwhile cancels this: nothing is accepted
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.server.received.append(message)
        if holding and hold.moment == "after":
            await hold.wait()  # accepted; the "250" has not been sent
        return "250 Message accepted for delivery"


class MailServer:
    def __init__(self):
        self.port = free_port()
        self.received: list = []
        self.refuse: dict[str, str] = {}
        self.hold: Hold | None = None
        self.seen = 0
        self._controller = None

    def start(self):
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    def message_ids(self) -> Counter:
        return Counter(message["Message-ID"] for message in self.received)

    def to(self, address: str) -> list:
        return [m for m in self.received if address in m.get_all("To", [])]

    def wait_for(self, count: int, *, timeout: float = 30.0) -> list:
        """Wait until at least ``count`` messages have arrived; the messages."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.received)

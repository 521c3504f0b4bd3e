"""A stand-in for ClamAV's clamd, speaking its INSTREAM protocol on a local port.

ClamAV's signatures cannot be downloaded on the development machines (no internet),
so a real clamd would know no virus; this stub answers as clamd does: "stream:
Win.Test.EICAR_HDB-1 FOUND" for the EICAR test string, "stream: OK" for anything else.
"""

import socket
import struct
import threading

from .samples import EICAR


class StubClamd:
    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.2)
        self.address = f"127.0.0.1:{self.server.getsockname()[1]}"
        self.scanned = []  # each stream received, whole
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.server.close()

    def serve(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                self.answer(connection)

    def answer(self, connection):
        reader = connection.makefile("rb")
        command = reader.read(len(b"zINSTREAM\0"))
        if command != b"zINSTREAM\0":
            connection.sendall(b"UNKNOWN COMMAND\0")
            return
        data = b""
        while True:
            (length,) = struct.unpack("!L", reader.read(4))
            if length == 0:
                break
            data += reader.read(length)
        self.scanned.append(data)
        reply = b"stream: Win.Test.EICAR_HDB-1 FOUND" if EICAR in data else b"stream: OK"
        connection.sendall(reply + b"\0")


def unused_address():
    """A local port nothing listens on: a scanner that cannot be reached."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"

"""A ClamAV clamd client: streams a file with the INSTREAM command and reads the verdict.

Why not a library: `clamd` (last release 2014) and `pyclamd` (2017) are unmaintained;
`clamav-client`, the maintained fork of `clamd`, is GPL-2.0, sends 1 KiB chunks and
reads clamd's reply without a bound. The protocol is a few lines (clamd(8), "INSTREAM"):
send "zINSTREAM\\0", then chunks each led by its length as a 4-byte big-endian number,
then a zero length; clamd answers "stream: OK" or "stream: <signature> FOUND", ended by
a NUL byte.

The tests talk to a stub clamd (tests/evidence/stub_clamd.py): ClamAV's signatures
cannot be downloaded on the development machines, which have no internet.
"""

import socket
import struct

from django.conf import settings

CHUNK_BYTES = 64 * 1024  # below clamd's StreamMaxLength (25 MB by default) and its buffers
MAX_REPLY_BYTES = 4096


class ScannerUnavailable(Exception):
    """clamd could not be reached or gave no usable answer: the file waits for a scan."""


def is_configured():
    return bool(settings.CLAMD_ADDRESS)


def connect(address, timeout):
    """A socket to clamd at "host:port", or at a unix socket ("/path" or "unix:///path")."""
    if address.startswith("unix://"):
        address = address.removeprefix("unix://")
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def scan(stream):
    """The signature clamd found in `stream` (a binary file object), or None if clean.

    Raises ScannerUnavailable if clamd cannot be reached or does not answer clearly.
    """
    try:
        with connect(settings.CLAMD_ADDRESS, settings.CLAMD_TIMEOUT) as sock:
            sock.sendall(b"zINSTREAM\0")
            stream.seek(0)
            while chunk := stream.read(CHUNK_BYTES):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = read_reply(sock)
    except (OSError, ValueError) as error:  # refused, timed out, a malformed address
        raise ScannerUnavailable(str(error)) from error
    finally:
        stream.seek(0)
    return verdict(reply)


def read_reply(sock):
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY_BYTES:
        data = sock.recv(MAX_REPLY_BYTES)
        if not data:
            break
        reply += data
    return reply.rstrip(b"\0\n").decode("utf-8", "replace")


def verdict(reply):
    """None for "stream: OK", the signature for "stream: <signature> FOUND"."""
    if reply == "stream: OK":
        return None
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return reply.removeprefix("stream: ").removesuffix(" FOUND").strip() or "unknown"
    # "INSTREAM size limit exceeded. ERROR", or anything else: no verdict yet.
    raise ScannerUnavailable(f"clamd answered {reply[:200]!r}")

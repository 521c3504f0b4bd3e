"""A local SMTP sink for the digest benchmarks: one line per accepted message.

    python bench/digests_sink.py --port 8025 --log /tmp/sink.tsv

Each line is "<recipient>\t<Message-ID>\t<connection>", where <connection>
numbers the SMTP connections in the order they first delivered. The line is
written (and flushed to the OS) before the server answers 250, so a message
the client was told about is always counted; the sink is never the process
that gets killed. A connection that ends with QUIT is written to "<log>.quits",
one number per line: a connection missing there was cut off (its worker died).
"""

import argparse
import asyncio
import itertools
import signal
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self, log, quits):
        self.log, self.quits = log, quits
        self.parser = BytesHeaderParser()
        self.numbers = itertools.count(1)

    def connection_number(self, session):
        if not hasattr(session, "number"):
            session.number = next(self.numbers)
        return session.number

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message_id = self.parser.parsebytes(envelope.original_content).get("Message-ID", "")
        number = self.connection_number(session)
        for recipient in envelope.rcpt_tos:
            self.log.write(f"{recipient}\t{message_id}\t{number}\n")
        self.log.flush()
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):  # noqa: N802
        if hasattr(session, "number"):
            self.quits.write(f"{session.number}\n")
            self.quits.flush()
        return "221 Bye"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    with (
        open(args.log, "a", encoding="utf-8") as log,
        open(f"{args.log}.quits", "a", encoding="utf-8") as quits,
    ):
        controller = Controller(RecordingHandler(log, quits), hostname=args.host, port=args.port)
        controller.start()
        print(f"sink listening on {args.host}:{args.port}", flush=True)
        stop = asyncio.Event()
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        loop.run_until_complete(stop.wait())
        controller.stop()


if __name__ == "__main__":
    main()

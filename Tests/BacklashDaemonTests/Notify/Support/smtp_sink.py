#!/usr/bin/python3
"""An SMTP server for tests (Debian's python3-aiosmtpd): stores each message as DIR/N.eml, its envelope as
DIR/N.envelope (JSON: mail_from, rcpt_tos). usage: smtp_sink.py DIR. Prints the TCP port once listening."""
import asyncio
import json
import os
import sys

from aiosmtpd.smtp import SMTP

directory = sys.argv[1]


class Sink:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(directory, str(self.count))
        with open(base + ".envelope", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".tmp", base + ".eml")
        return "250 Message accepted for delivery"


async def main():
    sink = Sink()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.test"), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


asyncio.run(main())

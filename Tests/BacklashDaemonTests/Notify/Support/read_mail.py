#!/usr/bin/python3
"""Parses a stored message with Python's email package and prints what a mail reader would show, as JSON."""
import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read()
message = email.message_from_bytes(raw, policy=email.policy.default)
to = message["to"].addresses[0]
sender = message["from"].addresses[0]
print(json.dumps({
    "subject": str(message["subject"]),
    "to_name": to.display_name,
    "to_address": to.addr_spec,
    "from_address": sender.addr_spec,
    "date": message["date"].datetime.isoformat(),
    "message_id": message["message-id"],
    "mime_version": message["mime-version"],
    "content_type": message.get_content_type(),
    "charset": message.get_content_charset(),
    "transfer_encoding": message["content-transfer-encoding"],
    "incident": message["x-backlash-incident"],
    "severity": message["x-backlash-severity"],
    "header_names": [name.lower() for name in message.keys()],
    "body": message.get_content().replace("\r\n", "\n"),
    "defects": [type(d).__name__ for d in message.defects],
    "longest_line": max(len(line) for line in raw.split(b"\r\n")),
    "header_lines": [line.decode() for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n")],
}, ensure_ascii=False))

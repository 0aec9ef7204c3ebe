#!/usr/bin/env python3
"""A webhook receiver for tests: records each POST as DIR/N.json (+ DIR/N.headers) and answers by mode.

usage: webhook_receiver.py DIR [--fail-first N] [--hang]
  --fail-first N  answer 500 to the first N requests, then 200
  --hang          read the request, then never answer
Prints the TCP port on stdout once listening.
"""
import http.server
import json
import os
import sys
import threading
import time

directory = sys.argv[1]
fail_first = int(sys.argv[sys.argv.index("--fail-first") + 1]) if "--fail-first" in sys.argv else 0
hang = "--hang" in sys.argv
lock = threading.Lock()
count = 0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            count += 1
            number = count
        with open(os.path.join(directory, f"{number}.headers"), "w") as f:
            json.dump({k.lower(): v for k, v in self.headers.items()} | {"path": self.path}, f)
        with open(os.path.join(directory, f"{number}.json.tmp"), "wb") as f:
            f.write(body)
        os.rename(os.path.join(directory, f"{number}.json.tmp"), os.path.join(directory, f"{number}.json"))
        if hang:
            time.sleep(3600)
        status, answer = (500, f"receiver failure {number}") if number <= fail_first else (200, "ok")
        data = answer.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()

"""Counts visits in Redis (speaking RESP directly, so the chute needs no extra packages)."""
import http.server
import os
import socket

HOST = os.environ.get("REDIS_HOST", "cache")
PORT = int(os.environ.get("REDIS_PORT", "6379"))
KEY = os.environ.get("COUNTER_NAME", "visits").encode("utf-8")


def increment():
    with socket.create_connection((HOST, PORT), timeout=2) as redis:
        redis.sendall(b"*2\r\n$4\r\nINCR\r\n$%d\r\n%s\r\n" % (len(KEY), KEY))
        reply = redis.recv(64)
    return int(reply[1:].split(b"\r\n")[0])


class Counter(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("Visit number %d\n" % increment()).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("", 5000), Counter).serve_forever()

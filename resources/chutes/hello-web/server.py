"""Answers every GET with the greeting from the GREETING environment variable."""
import http.server
import os

GREETING = os.environ.get("GREETING", "Hello!").encode("utf-8")


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(GREETING)))
        self.end_headers()
        self.wfile.write(GREETING)


http.server.ThreadingHTTPServer(("", 8000), Hello).serve_forever()

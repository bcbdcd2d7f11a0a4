#!/usr/bin/env python3
"""A small HTTPS file server that behaves like OSV's GCS bucket, for palisade's download tests.

Serves files under --dir with: strong ETag (quoted MD5 hex) and Last-Modified; If-None-Match /
If-Modified-Since -> 304; Range (bytes=N- and N-M) with If-Range -> 206 (or 200 when If-Range does not match);
`x-goog-hash: crc32c=<b64>,md5=<b64>` like GCS. Fault injection:
  --cut-after BYTES   the first GET of each path sends full headers but only BYTES of the body, then drops the
                      connection (a connection reset mid-body);
  --corrupt-hash      declares an md5 that does not match the body.
Every request is appended to --log as one JSON line (method, path, status, range, if-range, if-none-match,
if-modified-since) so tests can check what the client sent. Binds 127.0.0.1 on an ephemeral port and prints the
port on stdout once listening. Exits after --lifetime seconds (default 300) so it never outlives a test run.
"""

import argparse
import base64
import email.utils
import hashlib
import http.server
import json
import os
import signal
import socket
import ssl
import sys
import threading
import urllib.parse


def crc32c(data: bytes) -> int:
    table = crc32c.table
    if table is None:
        table = []
        for i in range(256):
            c = i
            for _ in range(8):
                c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
            table.append(c)
        crc32c.table = table
    crc = 0xFFFFFFFF
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


crc32c.table = None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "osv-test-server"

    def log_message(self, format, *args):  # quiet stderr
        pass

    def record(self, status):
        entry = {
            "method": self.command,
            "path": self.path,
            "status": status,
            "range": self.headers.get("Range"),
            "if-range": self.headers.get("If-Range"),
            "if-none-match": self.headers.get("If-None-Match"),
            "if-modified-since": self.headers.get("If-Modified-Since"),
            "user-agent": self.headers.get("User-Agent"),
        }
        with self.server.log_lock:
            if self.server.log_path:
                with open(self.server.log_path, "a") as log:
                    log.write(json.dumps(entry) + "\n")

    def send_simple(self, status, body=b""):
        self.record(status)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        root = os.path.realpath(self.server.root)
        full = os.path.realpath(os.path.join(root, path.lstrip("/")))
        if not full.startswith(root + os.sep) or not os.path.isfile(full):
            self.send_simple(404, b"not found\n")
            return
        with open(full, "rb") as f:
            data = f.read()
        mtime = int(os.stat(full).st_mtime)
        etag = '"%s"' % hashlib.md5(data).hexdigest()
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        md5 = hashlib.md5(b"corrupt" + data if self.server.corrupt_hash else data).digest()
        goog_hash = "crc32c=%s,md5=%s" % (
            base64.b64encode(crc32c(data).to_bytes(4, "big")).decode(),
            base64.b64encode(md5).decode(),
        )

        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*":
                return self.not_modified(etag, last_modified)
        elif ims is not None:
            parsed = email.utils.parsedate_to_datetime(ims) if ims else None
            if parsed is not None and int(parsed.timestamp()) >= mtime:
                return self.not_modified(etag, last_modified)

        start, end = 0, len(data) - 1
        status = 200
        rng = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if rng and rng.startswith("bytes=") and (if_range is None or if_range in (etag, last_modified)):
            spec = rng[6:].split(",")[0].strip()
            first, _, last = spec.partition("-")
            try:
                start = int(first)
                end = int(last) if last else len(data) - 1
            except ValueError:
                start, end = 0, len(data) - 1
            if start >= len(data) or end < start:
                self.record(416)
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % len(data))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            end = min(end, len(data) - 1)
            status = 206
        body = data[start : end + 1]

        cut = None
        if self.server.cut_after is not None and self.command == "GET":
            with self.server.log_lock:
                if path not in self.server.cut_paths:
                    self.server.cut_paths.add(path)
                    cut = self.server.cut_after

        self.record(status)
        self.send_response(status)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("x-goog-hash", goog_hash)
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, len(data)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if cut is not None and cut < len(body):
            self.wfile.write(body[:cut])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.wfile.write(body)

    def not_modified(self, etag, last_modified):
        self.record(304)
        self.send_response(304)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--log")
    parser.add_argument("--cut-after", type=int)
    parser.add_argument("--corrupt-hash", action="store_true")
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    # A parent may spawn us from a thread with signals blocked; unblock them so SIGTERM stops the server.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.root = args.dir
    server.log_path = args.log
    server.log_lock = threading.Lock()
    server.cut_after = args.cut_after
    server.cut_paths = set()
    server.corrupt_hash = args.corrupt_hash
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    timer = threading.Timer(args.lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())

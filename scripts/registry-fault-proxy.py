#!/usr/bin/env python3
"""A reverse proxy in front of a real registry that injects the faults a registry client must survive
or refuse, for tests. Python 3 standard library only.

It listens on 127.0.0.1 (ephemeral port; plain HTTP, or HTTPS with --tls-cert/--tls-key), prints the
port on stdout once listening, and forwards every request to --upstream (keeping the client's Host
header, so the registry's Location URLs point back at the proxy). Faults:

  --corrupt-blob DIGEST    GET of that blob: the body has one byte flipped, so it no longer hashes to
                           DIGEST (Content-Length and headers are unchanged). Repeatable.
  --drop-blob-after BYTES  every blob GET: the full headers, then only BYTES bytes of the body, then
                           the connection is closed.
                           Only 200 responses are cut: a Range request's 206 passes whole, so a client
                           that resumes can finish.
  --status-once PATH=CODE  the first request for PATH (exact URL path, or a prefix ending in `*`) gets
                           CODE with `Retry-After: 1` and is not forwarded; later ones are. Repeatable.
  --redirect-blobs         blob GETs get `307 Location:` to a second listener under the other loopback
                           name (`localhost` when the client came in as 127.0.0.1, else 127.0.0.1), like
                           a registry redirecting to object storage. The redirect URL carries a one-off
                           `sig` query item, as a pre-signed URL would; the second listener serves the
                           blob without needing any credentials and logs whether an Authorization header
                           arrived anyway (a client must not forward registry credentials to another host).
  --log FILE               one JSON line per request: listener ("proxy" or "redirect"), method, path,
                           status, authorization (bool), host (the Host header), fault (or null).
  --lifetime SECONDS       exit after this long, so it never outlives a test run (default 120).
  --exit-on-stdin-eof      exit when stdin closes, i.e. when the test process holding the pipe dies.

Usage: registry-fault-proxy.py --upstream https://127.0.0.1:5000 [--upstream-ca CA.pem]
           [--tls-cert CERT --tls-key KEY] [faults...] [--log FILE] [--lifetime N]
"""

import argparse
import http.client
import http.server
import json
import os
import re
import ssl
import sys
import threading
import urllib.parse
import uuid

BLOB_PATH = re.compile(r"^/v2/.+/blobs/(sha256:[0-9a-f]{64})$")
HOP_BY_HOP = {"date", "server", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True, help="the registry's base URL, http:// or https://")
    parser.add_argument("--upstream-ca", help="CA file to verify an https upstream")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--corrupt-blob", action="append", default=[])
    parser.add_argument("--drop-blob-after", type=int)
    parser.add_argument("--status-once", action="append", default=[])
    parser.add_argument("--redirect-blobs", action="store_true")
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="exit when stdin closes (the test process that started us died)")
    args = parser.parse_args()

    upstream = urllib.parse.urlsplit(args.upstream)
    if upstream.scheme not in ("http", "https") or not upstream.hostname:
        parser.error("--upstream must be an http:// or https:// URL")
    upstream_context = None
    if upstream.scheme == "https":
        upstream_context = ssl.create_default_context(cafile=args.upstream_ca)
    tls_context = None
    if args.tls_cert:
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)
    scheme = "https" if tls_context else "http"

    status_once = {}
    for item in args.status_once:
        path, _, code = item.rpartition("=")
        if not path or not code.isdigit():
            parser.error(f"--status-once wants PATH=CODE, got {item!r}")
        status_once[path] = int(code)
    corrupt = set(args.corrupt_blob)
    lock = threading.Lock()
    presigned = {}  # sig -> (path, Authorization header of the original request or None)
    redirect_port = [0]

    def log(entry: dict) -> None:
        if not args.log:
            return
        with lock, open(args.log, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def take_status_once(path: str):
        with lock:
            for pattern, code in list(status_once.items()):
                if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
                    del status_once[pattern]
                    return code
        return None

    def forward(method: str, target: str, headers: dict, body: bytes):
        if upstream.scheme == "https":
            conn = http.client.HTTPSConnection(upstream.hostname, upstream.port or 443, context=upstream_context,
                                               timeout=30)
        else:
            conn = http.client.HTTPConnection(upstream.hostname, upstream.port or 80, timeout=30)
        conn.request(method, target, body=body if body or method in ("POST", "PUT", "PATCH") else None,
                     headers=headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP], data

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        listener = "proxy"

        def log_message(self, *_):
            pass

        def read_body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def entry(self, status: int, fault=None) -> dict:
            return {
                "listener": self.listener,
                "method": self.command,
                "path": urllib.parse.urlsplit(self.path).path,
                "status": status,
                "authorization": self.headers.get("Authorization") is not None,
                "host": self.headers.get("Host"),
                "fault": fault,
            }

        def send(self, status: int, headers, body: bytes, fault=None, limit=None) -> None:
            self.send_response(status)
            for name, value in headers:
                if name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            if limit is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body if limit is None else body[:limit])
            self.wfile.flush()
            log(self.entry(status, fault))
            if limit is not None:
                self.close_connection = True
                try:
                    self.connection.shutdown(2)
                except OSError:
                    pass

        def upstream_headers(self, authorization=None, keep_auth=True) -> dict:
            # A repeated header (skopeo sends one Accept per media type) is joined into one, as RFC 9110
            # allows for list-valued fields; a dict of the last value would lose the OCI media types.
            headers = {}
            for name, value in self.headers.items():
                if name.lower() not in HOP_BY_HOP:
                    headers[name] = headers[name] + ", " + value if name in headers else value
            headers.pop("Content-Length", None)
            if not keep_auth:
                headers.pop("Authorization", None)
            if authorization is not None:
                headers["Authorization"] = authorization
            return headers

        def handle_any(self) -> None:
            body = self.read_body()
            path = urllib.parse.urlsplit(self.path).path
            code = take_status_once(path)
            if code is not None:
                message = json.dumps({"errors": [{"code": "INJECTED", "message": f"injected {code}"}]}).encode()
                self.send(code, [("Content-Type", "application/json"), ("Retry-After", "1")], message,
                          fault=f"status-once {code}")
                return
            blob = BLOB_PATH.match(path)
            is_blob_get = blob is not None and self.command in ("GET", "HEAD")
            if is_blob_get and args.redirect_blobs and self.command == "GET":
                sig = uuid.uuid4().hex
                with lock:
                    presigned[sig] = (self.path, self.headers.get("Authorization"))
                host_header = self.headers.get("Host", "127.0.0.1")
                other = "127.0.0.1" if host_header.startswith("localhost") else "localhost"
                separator = "&" if "?" in self.path else "?"
                location = f"{scheme}://{other}:{redirect_port[0]}{self.path}{separator}sig={sig}"
                self.send(307, [("Location", location)], b"", fault="redirect")
                return
            status, headers, data = forward(self.command, self.path, self.upstream_headers(), body)
            fault = None
            limit = None
            if is_blob_get and status == 200 and self.command == "GET":
                if blob.group(1) in corrupt and data:
                    middle = len(data) // 2
                    data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
                    fault = "corrupt-blob"
                if args.drop_blob_after is not None:
                    limit = min(args.drop_blob_after, len(data))
                    fault = "drop-blob-after"
            self.send(status, headers, data, fault=fault, limit=limit)

        # Dispatch through self, so that RedirectHandler's handle_any is the one that runs.
        def do_GET(self) -> None:
            self.handle_any()

        do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    class RedirectHandler(Handler):
        listener = "redirect"

        def handle_any(self) -> None:
            self.read_body()
            url = urllib.parse.urlsplit(self.path)
            query = urllib.parse.parse_qs(url.query)
            sig = query.get("sig", [""])[0]
            with lock:
                original = presigned.get(sig)
            if original is None or self.command not in ("GET", "HEAD"):
                self.send(403, [("Content-Type", "text/plain")], b"unknown or missing sig\n")
                return
            original_path, authorization = original
            headers = self.upstream_headers(authorization=authorization, keep_auth=False)
            status, response_headers, data = forward(self.command, original_path, headers, b"")
            fault = None
            if status == 200 and self.command == "GET":
                blob = BLOB_PATH.match(urllib.parse.urlsplit(original_path).path)
                if blob and blob.group(1) in corrupt and data:
                    middle = len(data) // 2
                    data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
                    fault = "corrupt-blob"
            # The object store does not speak the registry's auth: never pass a challenge through.
            response_headers = [(k, v) for k, v in response_headers if k.lower() != "www-authenticate"]
            self.send(status, response_headers, data, fault=fault)

    def serve(handler):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        if tls_context:
            server.socket = tls_context.wrap_socket(server.socket, server_side=True)
        return server

    proxy = serve(Handler)
    if args.redirect_blobs:
        redirect = serve(RedirectHandler)
        redirect_port[0] = redirect.server_address[1]
        threading.Thread(target=redirect.serve_forever, daemon=True).start()
    print(proxy.server_address[1], flush=True)
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    if args.exit_on_stdin_eof:

        def watch_stdin() -> None:
            while sys.stdin.buffer.read(4096):
                pass
            os._exit(0)

        threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        proxy.serve_forever()
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()

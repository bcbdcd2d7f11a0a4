#!/usr/bin/env python3
"""A token issuer for Docker's registry token authentication, for tests against a real
CNCF Distribution registry (Debian's docker-registry 2.8).

The spec: https://distribution.github.io/distribution/spec/auth/token/ and .../auth/jwt/.
The registry answers an anonymous request with
`401 WWW-Authenticate: Bearer realm="https://127.0.0.1:PORT/token",service="...",scope="..."`;
the client asks this issuer `GET /token?service=S&scope=repository:NAME:pull,push` with HTTP Basic
credentials and gets `{"token": JWT, "access_token": JWT, "expires_in": 300, "issued_at": ...}`.

The JWT is RS256-signed with --key; its header carries the signing certificate (--cert) as an `x5c`
chain of one. The registry's `rootcertbundle` is that same certificate, so the registry trusts it
(docker-registry 2.8 accepts x5c, jwk or a libtrust `kid`; x5c needs no libtrust key-ID code).

Policy, kept simple and strict so tests can tell the cases apart:
  * a wrong user or password: 401;
  * no Authorization header: 401, or with --anonymous-pull a token granting only `pull` (as Docker Hub
    does for public repositories);
  * right credentials: every action asked for in each scope is granted;
  * a `service` other than --service: 400.

Also `POST /token` with the OAuth2 form (grant_type=password, username, password, service, scope),
answering {"access_token", "scope", "expires_in", "issued_at"}; no refresh tokens.

Usage: registry-token-issuer.py --cert CERT --key KEY --tls-cert C --tls-key K --user U --password P
           [--service S] [--issuer I] [--expires-in N] [--anonymous-pull] [--log FILE] [--lifetime SECONDS]
           [--exit-on-stdin-eof]
Prints the port it listens on (127.0.0.1, ephemeral) on stdout, then serves until killed or
--lifetime seconds have passed. Needs python3-cryptography.
"""

import argparse
import base64
import hmac
import http.server
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def parse_scope(scope: str):
    """`repository:NAME:pull,push` -> {"type", "name", "actions"}; NAME may hold colons only
    in a registry host with a port, which a repository scope never has, so split at both ends."""
    kind, _, rest = scope.partition(":")
    name, _, actions = rest.rpartition(":")
    if not kind or not name:
        return None
    return {"type": kind, "name": name, "actions": [a for a in actions.split(",") if a]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True, help="signing certificate (PEM), the registry's rootcertbundle")
    parser.add_argument("--key", required=True, help="signing RSA private key (PEM)")
    parser.add_argument("--tls-cert", required=True)
    parser.add_argument("--tls-key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--service", default="palisade-test-registry")
    parser.add_argument("--issuer", default="palisade-test-issuer")
    parser.add_argument("--expires-in", type=int, default=300)
    parser.add_argument("--anonymous-pull", action="store_true")
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=120)
    parser.add_argument("--exit-on-stdin-eof", action="store_true",
                        help="exit when stdin closes (the test process that started us died)")
    args = parser.parse_args()

    with open(args.cert, "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    with open(args.key, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    x5c = [base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")]
    log_lock = threading.Lock()

    def sign(claims: dict) -> str:
        header = {"typ": "JWT", "alg": "RS256", "x5c": x5c}
        signing_input = (
            b64url(json.dumps(header, separators=(",", ":")).encode())
            + "."
            + b64url(json.dumps(claims, separators=(",", ":")).encode())
        )
        signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)

    def authorized(header: str):
        """The subject for valid credentials, "" for none at all when anonymous pulls are allowed, else None."""
        if not header:
            return "" if args.anonymous_pull else None
        if not header.startswith("Basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:].strip()).decode("utf-8").partition(":")
        except Exception:
            return None
        if hmac.compare_digest(user, args.user) and hmac.compare_digest(password, args.password):
            return user
        return None

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def reply(self, status: int, body: dict, extra=None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            if args.log:
                entry = {
                    "method": self.command,
                    "path": self.path,
                    "status": status,
                    "authorization": self.headers.get("Authorization") is not None,
                }
                with log_lock, open(args.log, "a") as f:
                    f.write(json.dumps(entry) + "\n")

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/token":
                self.reply(404, {"errors": [{"code": "NOT_FOUND", "message": "only /token is served"}]})
                return
            self.issue(authorized(self.headers.get("Authorization", "")), urllib.parse.parse_qs(url.query), False)

        def do_POST(self) -> None:
            """The OAuth2 form (distribution's spec/auth/oauth): grant_type=password with username and
            password fields instead of Basic auth. No refresh tokens are issued."""
            length = int(self.headers.get("Content-Length") or 0)
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
            if urllib.parse.urlsplit(self.path).path != "/token":
                self.reply(404, {"errors": [{"code": "NOT_FOUND", "message": "only /token is served"}]})
                return
            if form.get("grant_type", [""])[0] != "password":
                self.reply(400, {"error": "unsupported_grant_type"})
                return
            user = form.get("username", [""])[0]
            password = form.get("password", [""])[0]
            subject = None
            if hmac.compare_digest(user, args.user) and hmac.compare_digest(password, args.password):
                subject = user
            self.issue(subject, form, True)

        def issue(self, subject, query: dict, oauth: bool) -> None:
            if subject is None:
                self.reply(
                    401,
                    {"errors": [{"code": "UNAUTHORIZED", "message": "valid credentials are required"}]},
                    {"WWW-Authenticate": 'Basic realm="palisade-test-issuer"'},
                )
                return
            service = query.get("service", [""])[0]
            if service != args.service:
                self.reply(400, {"errors": [{"code": "DENIED", "message": f"unknown service {service!r}"}]})
                return
            scopes = [v for scope in query.get("scope", []) for v in scope.split(" ")]
            access = [s for s in (parse_scope(v) for v in scopes) if s]
            if subject == "":
                for item in access:
                    item["actions"] = [a for a in item["actions"] if a == "pull"]
            now = int(time.time())
            claims = {
                "iss": args.issuer,
                "sub": subject,
                "aud": args.service,
                "exp": now + args.expires_in,
                "nbf": now - 10,
                "iat": now,
                "jti": b64url(os.urandom(12)),
                "access": access,
            }
            token = sign(claims)
            issued = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
            body = {"access_token": token, "expires_in": args.expires_in, "issued_at": issued}
            if oauth:
                body["scope"] = " ".join(scopes)
            else:
                body["token"] = token
            self.reply(200, body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    if args.exit_on_stdin_eof:

        def watch_stdin() -> None:
            while sys.stdin.buffer.read(4096):
                pass
            os._exit(0)

        threading.Thread(target=watch_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()

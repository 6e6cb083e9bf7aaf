#!/usr/bin/env python3
"""Online verification benchmark: vendorcert against registries on 127.0.0.1.

1. A loopback registry (the generic JSON contract of docs/online.md) answering each look-up
   after 50 ms, with the record the evidence describes: `vendorcert fetch` and
   `vendorcert check --online` on a generated set holding at least 1,000 certificates, with the
   default concurrency. Target: all verified in <= 3 s.
2. A registry that accepts connections and never answers: `check --online --policy strict` with
   the default deadline. Target: ends within the deadline (30 s), every look-up unverified, exit 1.

Usage: python3 bench/online.py [--bin target/release/vendorcert] [--certs 1000] [--skip-silent]
Not part of `cargo test`. Needs a release build (bench/run.sh builds one).
"""

import argparse
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
AS_OF = "2026-11-23"
DELAY = 0.05


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    return json.loads(data) if path.endswith(".json") else tomllib.loads(data.decode())


STAR_NAMES = {}


def index_certificates(folder):
    """certificate number -> the record a registry would give, from the generated evidence."""
    records = {}
    for vendor in sorted(os.listdir(folder)):
        for name in ("vendor.toml", "vendor.json"):
            p = os.path.join(folder, vendor, name)
            if not os.path.exists(p):
                continue
            doc = load(p)
            for entry in doc.get("star", []):
                url = entry.get("registry_url") or ""
                STAR_NAMES[url.rstrip("/").rsplit("/", 1)[-1]] = doc["vendor"]["name"]
            for cert in doc.get("iso", []):
                number = cert.get("certificate_number")
                if not number:
                    continue
                rec = {"certificate_number": number, "status": "active",
                       "standard": cert.get("standard"),
                       "certified_entity": doc["vendor"]["name"]}
                for k in ("certification_body", "accreditation_body", "scope"):
                    if cert.get(k):
                        rec[k] = cert[k]
                if cert.get("expires"):
                    rec["expires"] = str(cert["expires"])
                records[number] = rec
    return records


class Registry(http.server.BaseHTTPRequestHandler):
    records = {}
    star_names = {}
    protocol_version = "HTTP/1.1"
    # Headers and body go out as separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK add about 40 ms to every answer.
    disable_nagle_algorithm = True

    def do_GET(self):
        time.sleep(DELAY)
        prefix = "/certificates/"
        if self.path.startswith("/star/registry/"):
            # A STAR registry page naming the vendor the URL's slug stands for.
            slug = self.path.rsplit("/", 1)[-1]
            body = f"<html><h1>{self.star_names.get(slug, slug)}</h1></html>".encode()
            status, kind = 200, "text/html"
        else:
            number = self.path[len(prefix):] if self.path.startswith(prefix) else None
            rec = self.records.get(number) if number else None
            body = json.dumps(rec).encode() if rec else b'{"title": "not found"}'
            status, kind = (200 if rec else 404), "application/json"
        self.send_response(status)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(records):
    Registry.records = records
    Registry.star_names = STAR_NAMES
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def silent_server():
    """Accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    held = []

    def accept():
        while True:
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                return
    threading.Thread(target=accept, daemon=True).start()
    return sock


def registries_file(folder, base):
    path = os.path.join(folder, "registries.toml")
    with open(path, "w") as f:
        # STAR entries are read from the same loopback server (a mirror), so nothing leaves
        # the machine.
        f.write(f'[[registry]]\nname = "Bench registry"\nkind = "json"\nbase_url = "{base}"\n'
                f'\n[star]\nmirror = "{base}"\n')
    return path


def timed(cmd):
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.monotonic() - start, proc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/vendorcert"))
    ap.add_argument("--certs", type=int, default=1000)
    ap.add_argument("--skip-silent", action="store_true", help="skip the 30-second silent-registry run")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="vendorcert-online-")
    vendors = os.path.join(work, "vendors")
    # Enough vendors for the certificates asked for (about 1.5 per vendor).
    count = args.certs
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), vendors, "--count",
                    str(count), "--seed", "7"], check=True, capture_output=True)
    records = index_certificates(vendors)
    print(f"== loopback registry, {int(DELAY * 1000)} ms per answer: {len(records)} certificates "
          f"in {count} generated vendors")
    server = serve(records)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    reg = registries_file(work, base)
    failures = 0
    wall, proc = timed([args.bin, "fetch", vendors, "--registries", reg] + (["--jobs", os.environ["JOBS"]] if os.environ.get("JOBS") else []) + [
                        "--cache-dir", os.path.join(work, "cache-fetch")])
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    print(f"fetch:           {wall:6.2f} s wall, exit {proc.returncode}: {last}")
    wall, proc = timed([args.bin, "check", vendors, "--as-of", AS_OF, "--online", "--registries", reg,
                        "--cache-dir", os.path.join(work, "cache-check"), "--format", "jsonl"])
    statuses = {}
    for line in proc.stdout.splitlines():
        for f in json.loads(line).get("findings", []):
            reg_note = f.get("registry")
            if f["rule"] == "ISO-VERIFIED" and reg_note:
                statuses[f["status"]] = statuses.get(f["status"], 0) + 1
    asked = sum(statuses.values())
    print(f"check --online:  {wall:6.2f} s wall, ISO-VERIFIED findings answered by the registry: "
          f"{asked} {statuses}")
    target = "met" if wall <= 3.0 else "MISSED"
    print(f"target: {len(records)} certificates verified in <= 3 s with the default concurrency: {target}")
    if "unverified" in statuses:
        failures += 1
    server.shutdown()

    if not args.skip_silent:
        sock = silent_server()
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        reg = registries_file(work, base)
        wall, proc = timed([args.bin, "check", vendors, "--as-of", AS_OF, "--online", "--registries", reg,
                            "--cache-dir", os.path.join(work, "cache-silent"), "--format", "jsonl",
                            "--policy", "strict"])
        counts = {}
        for line in proc.stdout.splitlines():
            for f in json.loads(line).get("findings", []):
                if f["rule"] == "ISO-VERIFIED" and f.get("registry"):
                    counts[f["status"]] = counts.get(f["status"], 0) + 1
        print(f"== registry that never answers (default deadline 30 s, --policy strict)")
        print(f"check --online:  {wall:6.2f} s wall, exit {proc.returncode}, ISO-VERIFIED: {counts}")
        ok = wall <= 31 and proc.returncode == 1 and set(counts) == {"unverified"}
        print(f"target: ends within the deadline, all unverified, exit 1: {'met' if ok else 'MISSED'}")
        sock.close()
    subprocess.run(["rm", "-rf", work])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The language server's workspace index, measured on a generated project.

Usage: scripts/bench-lsp-index.py [BINARY] [FILES]

Writes a project of FILES scripts (default 5000) into a temporary folder: one
Customer.io client in src/lib/customerio.ts, 99 files that import it and identify
people (one of them with `plan` of another type), and plain TypeScript files that
import each other. Then runs `BINARY lsp` (default target/release/cio-lint) with the
folder as its workspace and prints: how long indexing took (the server's own log
line), the server's peak and current memory after it, and how many analyses 20
edits of the client file that keep its exports cost the open file importing it
(none is the goal). It also times `BINARY check` of the same folder, with and without
the rules that compare files. A benchmark, not a test: nothing fails.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/cio-lint"
FILES = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
USERS = 99

PLAIN = (
    "export function f{j}(a: number, b: number) {{\n"
    "  const xs = [a, b, a + b];\n"
    "  return xs.map((x) => x * 2).filter((x) => x > {j}).reduce((s, x) => s + x, 0);\n"
    "}}\n"
)


def write_project(root):
    def put(rel, text):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    put(
        "src/lib/customerio.ts",
        "import { TrackClient } from 'customerio-node';\n"
        "export const analytics = new TrackClient(process.env.S!, process.env.K!);\n",
    )
    plain = FILES - USERS - 1
    body = "".join(PLAIN.format(j=j) for j in range(12))
    for i in range(plain):
        spec = f"../mod{(i + 1) % 50}/file{(i + 1) % plain}"
        put(f"src/mod{i % 50}/file{i}.ts", f"import {{ helper }} from '{spec}';\n{body}")
    for i in range(USERS):
        plan = "2" if i == 7 else "'pro'"
        put(
            f"src/cio{i % 10}/user{i}.ts",
            "import { analytics } from '../lib/customerio';\n"
            f"export async function u{i}(id: string) {{\n"
            f"  await analytics.identify(id, {{ plan: {plan}, seats: {i} }});\n"
            "}\n",
        )


class Server:
    def __init__(self):
        env = dict(os.environ, CIO_LINT_LOG="cio_lint=debug,info")
        self.p = subprocess.Popen(
            [BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=env,
        )
        self.log, self.messages = [], []
        self.cv = threading.Condition()
        threading.Thread(target=self._stderr, daemon=True).start()
        threading.Thread(target=self._stdout, daemon=True).start()

    def _stderr(self):
        for line in self.p.stderr:
            with self.cv:
                self.log.append(line.decode())
                self.cv.notify_all()

    def _stdout(self):
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = self.p.stdout.read(1)
                if not c:
                    return
                header += c
            n = int(re.search(rb"Content-Length: (\d+)", header).group(1))
            message = json.loads(self.p.stdout.read(n))
            with self.cv:
                self.messages.append(message)
                self.cv.notify_all()

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def wait_log(self, what, timeout=120):
        with self.cv:
            self.cv.wait_for(lambda: any(what in l for l in self.log), timeout)
            return [l for l in self.log if what in l]

    def wait_response(self, id, timeout=60):
        with self.cv:
            self.cv.wait_for(lambda: any(m.get("id") == id for m in self.messages), timeout)

    def memory_kb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            status = f.read()
        return [int(re.search(rf"{k}:\s+(\d+) kB", status).group(1)) for k in ("VmHWM", "VmRSS")]


def main():
    with tempfile.TemporaryDirectory() as root:
        write_project(root)
        server = Server()
        started = time.time()
        server.send({"id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": "file://" + root, "capabilities": {}}})
        server.wait_response(1)
        server.send({"method": "initialized", "params": {}})
        line = server.wait_log("workspace indexed")[0].strip()
        print(f"indexed {FILES} files: {time.time() - started:.3f} s from initialize;",
              line.split("workspace indexed ")[-1])
        peak, now = server.memory_kb()
        print(f"server memory after indexing: peak {peak / 1024:.1f} MiB, now {now / 1024:.1f} MiB")
        importer = os.path.join(root, "src/cio0/user0.ts")
        client = os.path.join(root, "src/lib/customerio.ts")
        for path in (importer, client):
            with open(path) as f:
                server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
                    "uri": "file://" + path, "languageId": "typescript", "version": 1, "text": f.read()}}})
        time.sleep(1.0)
        before = len(server.wait_log("analysed uri"))
        for version in range(2, 22):
            server.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": "file://" + client, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0}}, "text": "// x\n"}]}})
        time.sleep(1.5)
        after = server.wait_log("analysed uri")[before:]
        print(f"20 edits of the client file that keep its exports: {len(after)} analyses, "
              f"{sum('user0.ts' in l for l in after)} of them of the importer")
        server.send({"id": 2, "method": "shutdown", "params": None})
        server.wait_response(2)
        server.send({"method": "exit", "params": None})
        server.p.wait(10)
        for extra, what in (([], "check"), (["--ignore", "inconsistent-attribute-type",
                                             "--ignore", "event-name-style"], "check, cross-file rules off")):
            runs = []
            for _ in range(5):
                t = time.time()
                subprocess.run([BIN, "check", root, "--format", "json", *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                runs.append(time.time() - t)
            print(f"{what}: median {sorted(runs)[2]:.3f} s of 5 runs")


if __name__ == "__main__":
    main()

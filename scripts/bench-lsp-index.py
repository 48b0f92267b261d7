#!/usr/bin/env python3
"""The language server's workspace index, measured on a generated project or on real code.

Usage: scripts/bench-lsp-index.py [BINARY] [FILES] [--corpus DIR]

Without --corpus, writes a project of FILES scripts (default 5000) into a temporary
folder: one Customer.io client in src/lib/customerio.ts, 99 files that import it and
identify people (one of them with `plan` of another type), and plain TypeScript files
that import each other. With --corpus DIR (the sparse tree scripts/bench-corpus.sh
--prepare builds, target/bench-corpus/sparse), the project is the first FILES script
files of DIR in path order (under vendor/, as they are) with the same client and 20 of
its importers mixed in.

Then runs `BINARY lsp` (default target/release/cio-lint) with the folder as its
workspace, as a client that shows progress, and prints: how long indexing took (from
`initialize` to the end of its `$/progress`, and the server's own log line), the
server's peak and current memory after it, how many analyses 20 edits of the client
file that keep its exports cost the other open documents (an importer and an unrelated
file; none is the goal), and what one edit that changes its exports costs them (the
importer only is the goal). Without --corpus it also times `BINARY check` of the same
folder, with and without the rules that compare files. A benchmark, not a test:
nothing fails.
"""
import argparse
import json
import shutil
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ARGS = argparse.ArgumentParser(description="the language server's workspace index")
ARGS.add_argument("binary", nargs="?", default="target/release/cio-lint")
ARGS.add_argument("files", nargs="?", type=int, default=5000)
ARGS.add_argument("--corpus", help="a tree of real scripts (the bench corpus's sparse tree)")
ARGS = ARGS.parse_args()
BIN = ARGS.binary
FILES = ARGS.files
USERS = 20 if ARGS.corpus else 99
SCRIPT = re.compile(r"\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$")

PLAIN = (
    "export function f{j}(a: number, b: number) {{\n"
    "  const xs = [a, b, a + b];\n"
    "  return xs.map((x) => x * 2).filter((x) => x > {j}).reduce((s, x) => s + x, 0);\n"
    "}}\n"
)


CLIENT = ("import { TrackClient } from 'customerio-node';\n"
          "export const analytics = new TrackClient(process.env.S!, process.env.K!);\n")


def put(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def write_users(root):
    put(root, "src/lib/customerio.ts", CLIENT)
    for i in range(USERS):
        plan = "2" if i == 7 else "'pro'"
        put(
            root,
            f"src/cio{i % 10}/user{i}.ts",
            "import { analytics } from '../lib/customerio';\n"
            f"export async function u{i}(id: string) {{\n"
            f"  await analytics.identify(id, {{ plan: {plan}, seats: {i} }});\n"
            "}\n",
        )


def write_corpus_project(root, corpus):
    """The first FILES - USERS - 1 scripts of `corpus` (declaration files left out, as
    the server's walk leaves them), copied under vendor/; the plain files of the
    project. Returns one of them, to open as the unrelated document."""
    wanted = FILES - USERS - 1
    picked = []
    for d, dirs, names in os.walk(corpus):
        dirs[:] = sorted(x for x in dirs if x not in (".git", "node_modules"))
        for name in sorted(names):
            if SCRIPT.search(name) and not re.search(r"\.d\.[mc]?ts$", name):
                picked.append(os.path.join(d, name))
                if len(picked) == wanted:
                    break
        if len(picked) == wanted:
            break
    if len(picked) < wanted:
        sys.exit(f"{corpus} holds {len(picked)} scripts, fewer than the {wanted} asked for")
    for path in picked:
        target = os.path.join(root, "vendor", os.path.relpath(path, corpus))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(path, target)
    write_users(root)
    return os.path.join(root, "vendor", os.path.relpath(picked[0], corpus))


def write_project(root):
    """The generated project; returns a plain file, to open as the unrelated document."""
    write_users(root)
    plain = FILES - USERS - 1
    body = "".join(PLAIN.format(j=j) for j in range(12))
    for i in range(plain):
        spec = f"../mod{(i + 1) % 50}/file{(i + 1) % plain}"
        put(root, f"src/mod{i % 50}/file{i}.ts", f"import {{ helper }} from '{spec}';\n{body}")
    return os.path.join(root, "src/mod0/file0.ts")


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

    def wait_message(self, matches, timeout=120):
        with self.cv:
            self.cv.wait_for(lambda: any(matches(m) for m in self.messages), timeout)
            found = [m for m in self.messages if matches(m)]
            if not found:
                sys.exit("the server did not send what was waited for")
            return found[0]

    def memory_kb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            status = f.read()
        return [int(re.search(rf"{k}:\s+(\d+) kB", status).group(1)) for k in ("VmHWM", "VmRSS")]


def main():
    with tempfile.TemporaryDirectory() as root:
        unrelated = write_corpus_project(root, ARGS.corpus) if ARGS.corpus else write_project(root)
        server = Server()
        started = time.time()
        server.send({"id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": "file://" + root,
                                "capabilities": {"window": {"workDoneProgress": True}}}})
        server.wait_response(1)
        server.send({"method": "initialized", "params": {}})
        create = server.wait_message(lambda m: m.get("method") == "window/workDoneProgress/create")
        server.send({"id": create["id"], "result": None})
        server.wait_message(lambda m: m.get("method") == "$/progress"
                            and m["params"]["value"].get("kind") == "end")
        to_end = time.time() - started
        line = server.wait_log("workspace indexed")[0].strip()
        print(f"indexed {FILES} files: {to_end:.3f} s from initialize to the end of $/progress;",
              line.split("workspace indexed ")[-1])
        peak, now = server.memory_kb()
        print(f"server memory after indexing: peak {peak / 1024:.1f} MiB, now {now / 1024:.1f} MiB")
        importer = os.path.join(root, "src/cio0/user0.ts")
        client = os.path.join(root, "src/lib/customerio.ts")
        for path in (importer, unrelated, client):
            with open(path, encoding="utf-8", errors="replace") as f:
                server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
                    "uri": "file://" + path, "languageId": "typescript", "version": 1, "text": f.read()}}})
        time.sleep(1.0)
        others = lambda lines: (sum("user0.ts" in l for l in lines),
                                sum(os.path.basename(unrelated) in l for l in lines))
        before = len(server.wait_log("analysed uri"))
        for version in range(2, 22):
            server.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": "file://" + client, "version": version},
                "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                              "end": {"line": 0, "character": 0}}, "text": "// x\n"}]}})
        time.sleep(1.5)
        after = server.wait_log("analysed uri")[before:]
        imp, unr = others(after)
        print(f"20 edits of the client file that keep its exports: {len(after)} analyses; "
              f"of the importer {imp}, of the unrelated file {unr}")
        before = len(server.wait_log("analysed uri"))
        # `analytics` is no longer a client: what the importer imports changes.
        server.send({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": "file://" + client, "version": 22},
            "contentChanges": [{"text": "export const analytics = { identify: async () => {} };\n"}]}})
        time.sleep(1.5)
        after = server.wait_log("analysed uri")[before:]
        imp, unr = others(after)
        print(f"1 edit of the client file that changes its exports: {len(after)} analyses; "
              f"of the importer {imp}, of the unrelated file {unr}")
        server.send({"id": 2, "method": "shutdown", "params": None})
        server.wait_response(2)
        server.send({"method": "exit", "params": None})
        server.p.wait(10)
        if ARGS.corpus:
            return
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

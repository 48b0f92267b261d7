#!/usr/bin/env python3
"""A deliberately broken cio-lint for checking that the editor tests can fail.

Runs the real server (CIO_LINT_REAL_BIN) and passes every message through, except the
`textDocument/publishDiagnostics` notifications, which it drops; `--version` and the
other subcommands go straight to the real binary. Used by
`scripts/editor-tests.sh --broken-server`, which expects every editor suite to FAIL.
"""
import os
import subprocess
import sys
import threading

REAL = os.environ.get("CIO_LINT_REAL_BIN")
if not REAL:
    sys.stderr.write("drop-diagnostics: set CIO_LINT_REAL_BIN to the real cio-lint\n")
    sys.exit(2)
if sys.argv[1:] != ["lsp"]:
    os.execv(REAL, [REAL] + sys.argv[1:])

child = subprocess.Popen([REAL, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def pump_in():
    """Editor → server, unchanged."""
    source = sys.stdin.buffer
    try:
        while True:
            chunk = source.read1(65536)
            if not chunk:
                break
            child.stdin.write(chunk)
            child.stdin.flush()
    except (BrokenPipeError, ValueError):
        pass
    try:
        child.stdin.close()
    except OSError:
        pass


threading.Thread(target=pump_in, daemon=True).start()

out = sys.stdout.buffer
reader = child.stdout
while True:
    headers = b""
    while not headers.endswith(b"\r\n\r\n"):
        byte = reader.read(1)
        if not byte:
            sys.exit(child.wait())
        headers += byte
    length = 0
    for line in headers.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    body = reader.read(length)
    if b'"method":"textDocument/publishDiagnostics"' in body.replace(b" ", b""):
        continue
    out.write(headers + body)
    out.flush()

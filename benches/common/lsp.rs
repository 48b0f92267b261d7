//! A minimal JSON-RPC client for the real server binary (`cio-lint lsp`, the release
//! build cargo made for the bench): Content-Length framing over stdio, and a reader
//! thread that stamps every message with the moment it arrived, so latencies do not
//! depend on when the bench got round to looking.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any wait for the server may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(300);

pub struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<(Instant, Value)>,
    next_id: i64,
}

impl Server {
    /// Spawns `cio-lint lsp` and completes `initialize` / `initialized` with a client
    /// that declares no capabilities (so diagnostics are pushed). The server's log is
    /// dropped, unless `CIO_LINT_LOG` is set (`CIO_LINT_LOG=cio_lint=debug` times each
    /// didChange and analysis): then it goes to the bench's stderr.
    pub fn start() -> Self {
        let log = std::env::var_os("CIO_LINT_LOG");
        let mut child = Command::new(env!("CARGO_BIN_EXE_cio-lint"))
            .arg("lsp")
            .env("CIO_LINT_LOG", log.as_deref().unwrap_or("warn".as_ref()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if log.is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .expect("the cio-lint binary starts");
        let rx = reader(&mut child);
        let stdin = child.stdin.take().unwrap();
        let mut server = Self {
            child,
            stdin,
            rx,
            next_id: 1,
        };
        server.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        server.notify("initialized", json!({}));
        server
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes one framed message.
    pub fn send(&mut self, body: &Value) {
        let body = body.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response (other messages meanwhile are
    /// dropped).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(1, |m| m["id"] == id && m.get("method").is_none())
            .pop()
            .unwrap()
    }

    /// The next message, with its arrival time; `None` after `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Option<(Instant, Value)> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Waits for `n` messages that `pred` accepts and returns them; the others are
    /// dropped. Panics when the server takes longer than five minutes.
    pub fn wait_for(&self, n: usize, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut seen = Vec::new();
        let deadline = Instant::now() + PATIENCE;
        while seen.len() < n {
            let (_, m) = self
                .rx
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("the server answered in time");
            if pred(&m) {
                seen.push(m);
            }
        }
        seen
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language_id,
                "version": version, "text": text } }),
        );
    }

    /// An insertion of `text` at `line`:`character` (UTF-16, as LSP counts).
    pub fn insert(&mut self, uri: &str, version: i32, line: u32, character: u32, text: &str) {
        let at = json!({ "line": line, "character": character });
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": at, "end": at }, "text": text }] }),
        );
    }

    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }

    /// `shutdown`, `exit`, and waits for the process to end.
    pub fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

/// Whether `m` is a `publishDiagnostics` for `uri` (of any version, or none).
pub fn is_diagnostics_of(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// Reads framed messages from the server's stdout on a thread of its own.
fn reader(child: &mut Child) -> mpsc::Receiver<(Instant, Value)> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            let arrived = Instant::now();
            let message = serde_json::from_slice(&body).expect("the server sends JSON");
            if tx.send((arrived, message)).is_err() {
                return;
            }
        }
    });
    rx
}

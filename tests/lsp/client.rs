//! A small LSP client for the end-to-end tests: it runs the real `cio-lint lsp` binary
//! over pipes and speaks JSON-RPC with `Content-Length` framing. Every wait ends when
//! what it waits for arrives (a message on stdout, a line on stderr, the end of
//! stdout); its timeout only turns a hung server into a failure.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::edits::Encoding;

/// Long enough for a debug build on a busy 2-core machine running tests in parallel.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// What the server wrote to stderr, and whether it has closed it.
#[derive(Default)]
struct Stderr {
    text: Mutex<(String, bool)>,
    grown: Condvar,
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Received but not yet consumed by a wait.
    unread: VecDeque<Value>,
    /// Every notification received, in order.
    pub notifications: Vec<Value>,
    stderr: Arc<Stderr>,
    next_id: i64,
    pub encoding: Encoding,
}

impl Client {
    /// Starts `cio-lint lsp` (with debug logging on stderr).
    pub fn spawn() -> Self {
        Self::spawn_with_env(&[("CIO_LINT_LOG", "cio_lint=debug,info")])
    }

    /// Starts `cio-lint lsp` with these environment variables (`CIO_LINT_LOG`...).
    pub fn spawn_with_env(vars: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cio-lint"))
            .arg("lsp")
            .envs(vars.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start cio-lint lsp");
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || read_messages(stdout, tx));
        let log = Arc::new(Stderr::default());
        let sink = Arc::clone(&log);
        thread::spawn(move || {
            // Drained continuously: a full stderr pipe would block the server.
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut log = sink.text.lock().unwrap();
                log.0.push_str(&line);
                log.0.push('\n');
                sink.grown.notify_all();
            }
            sink.text.lock().unwrap().1 = true;
            sink.grown.notify_all();
        });
        Self {
            stdin: child.stdin.take(),
            child,
            incoming,
            unread: VecDeque::new(),
            notifications: Vec::new(),
            stderr: log,
            next_id: 1,
            encoding: Encoding::Utf16,
        }
    }

    /// Starts a server and initializes it for a client that offers `encodings`
    /// (`positionEncodings`), with pushed diagnostics and versioned workspace edits.
    pub fn start(encodings: &[&str]) -> Self {
        Self::start_with(Self::capabilities(encodings))
    }

    /// What [`Client::start`] offers.
    pub fn capabilities(encodings: &[&str]) -> Value {
        json!({
            "general": { "positionEncodings": encodings },
            "textDocument": {
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "publishDiagnostics": { "versionSupport": true, "dataSupport": true },
            },
            "workspace": { "workspaceEdit": { "documentChanges": true } },
        })
    }

    /// A UTF-16-only client (the LSP default).
    pub fn start_utf16() -> Self {
        Self::start(&["utf-16"])
    }

    pub fn start_with(capabilities: Value) -> Self {
        Self::initialize(Self::spawn(), capabilities)
    }

    /// [`Client::start_with`] a server started with these environment variables.
    pub fn start_with_env(capabilities: Value, vars: &[(&str, &str)]) -> Self {
        Self::initialize(Self::spawn_with_env(vars), capabilities)
    }

    fn initialize(client: Self, capabilities: Value) -> Self {
        Self::initialize_with(
            client,
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        )
    }

    /// Starts a server and initializes it with these `initialize` params.
    pub fn start_with_params(params: Value) -> Self {
        Self::initialize_with(Self::spawn(), params)
    }

    fn initialize_with(mut client: Self, params: Value) -> Self {
        let result = client.request_ok("initialize", params);
        client.encoding = Encoding::negotiated(&result);
        client.notify("initialized", json!({}));
        client
    }

    /// Answers a request the server sent.
    pub fn respond(&mut self, id: &Value, result: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stderr(&self) -> String {
        self.stderr.text.lock().unwrap().0.clone()
    }

    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\n--- unread messages ---\n{:#?}\n--- server stderr ---\n{}",
            self.unread,
            self.stderr()
        );
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        stdin.write_all(&frame).expect("write to the server");
        stdin.flush().unwrap();
    }

    /// Bytes exactly as given, without a frame.
    pub fn send_raw_unframed(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, message: &Value) {
        self.send_raw(&serde_json::to_vec(message).unwrap());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The whole response message (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(&json!(id))
    }

    pub fn request_ok(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        if let Some(error) = response.get("error") {
            self.fail(&format!("{method} failed: {error}"));
        }
        response["result"].clone()
    }

    pub fn response(&mut self, id: &Value) -> Value {
        self.wait_for(&format!("the response to request {id}"), |m| {
            m.get("method").is_none() && &m["id"] == id
        })
    }

    /// Consumes messages until one matches; the others stay unread, in order.
    pub fn wait_for(&mut self, what: &str, mut matches: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&mut matches) {
            return self.unread.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    if message.get("method").is_some() && message.get("id").is_none() {
                        self.notifications.push(message.clone());
                    }
                    if matches(&message) {
                        return message;
                    }
                    self.unread.push_back(message);
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.fail(&format!("timed out after {TIMEOUT:?} waiting for {what}"))
                }
                Err(RecvTimeoutError::Disconnected) => self.fail(&format!(
                    "the server closed stdout while waiting for {what}"
                )),
            }
        }
    }

    /// The notifications named `method` received so far.
    pub fn notifications_named(&self, method: &str) -> Vec<&Value> {
        self.notifications
            .iter()
            .filter(|n| n["method"] == method)
            .collect()
    }

    /// Waits until `what` appears on the server's stderr; the whole log so far.
    pub fn wait_for_log(&self, what: &str) -> String {
        self.wait_for_log_lines(what, 1)
    }

    /// Waits until `count` lines of the server's stderr contain `what` (woken by each
    /// line the reader thread appends); fails at once when stderr closes first.
    pub fn wait_for_log_lines(&self, what: &str, count: usize) -> String {
        let seen = |log: &str| log.lines().filter(|l| l.contains(what)).count() >= count;
        let text = self.stderr.text.lock().unwrap();
        let (text, _) = self
            .stderr
            .grown
            .wait_timeout_while(text, TIMEOUT, |(log, closed)| !seen(log) && !*closed)
            .unwrap();
        let log = text.0.clone();
        drop(text);
        if !seen(&log) {
            self.fail(&format!(
                "`{what}` did not appear {count} time(s) on stderr"
            ));
        }
        log
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(
            &format!("publishDiagnostics for {uri} version {version}"),
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            },
        );
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": language_id, "version": version, "text": text } }),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request_ok(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    }

    /// Code actions for `range`, with `diagnostics` as the context.
    pub fn code_actions(
        &mut self,
        uri: &str,
        range: &Value,
        diagnostics: &[Value],
        only: Option<&[&str]>,
    ) -> Vec<Value> {
        let mut context = json!({ "diagnostics": diagnostics });
        if let Some(only) = only {
            context["only"] = json!(only);
        }
        let result = self.request_ok(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": context }),
        );
        result.as_array().cloned().unwrap_or_default()
    }

    /// `shutdown` then `exit`; the exit status of the server.
    pub fn shutdown(mut self) -> ExitStatus {
        self.request_ok("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the server to close stdout (every message it sent is then received,
    /// and counted in [`Client::notifications`]), then for the process to end.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    if message.get("method").is_some() && message.get("id").is_none() {
                        self.notifications.push(message.clone());
                    }
                    self.unread.push_back(message);
                }
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => self.fail("the server did not close stdout"),
            }
        }
        // The server never closes its stdout itself: it closed with the process, and
        // what is left is to reap it (`wait` could hang on a reader that gave up on a
        // bad frame instead, hence the deadline).
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                self.fail("stdout closed but the server did not exit");
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_messages(stdout: impl Read, tx: mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        if tx.send(message).is_err() {
            return;
        }
    }
}

//! A small LSP client for the end-to-end tests: it runs the real `cio-lint lsp` binary
//! over pipes and speaks JSON-RPC with `Content-Length` framing. Every wait has a
//! timeout, so a hung server fails the test instead of hanging it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Long enough for a debug build on a busy 2-core machine running tests in parallel.
pub const TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Received but not yet consumed by a wait.
    unread: VecDeque<Value>,
    /// Every notification received, in order.
    pub notifications: Vec<Value>,
    stderr: Arc<Mutex<String>>,
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
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        thread::spawn(move || {
            // Drained continuously: a full stderr pipe would block the server.
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
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

    fn initialize(mut client: Self, capabilities: Value) -> Self {
        let result = client.request_ok(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.encoding = match result["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Encoding::Utf8,
            None | Some("utf-16") => Encoding::Utf16,
            Some(other) => panic!("unexpected encoding {other}"),
        };
        client.notify("initialized", json!({}));
        client
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
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

    /// Waits until `what` appears on the server's stderr.
    pub fn wait_for_log(&self, what: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let log = self.stderr();
            if log.contains(what) {
                return log;
            }
            if Instant::now() > deadline {
                self.fail(&format!("timed out waiting for `{what}` on stderr"));
            }
            thread::sleep(Duration::from_millis(20));
        }
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

    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                self.fail("the server did not exit");
            }
            thread::sleep(Duration::from_millis(20));
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

// ---- the client's copy of a document ----

/// The byte offset of an LSP position in `text`.
pub fn offset(text: &str, line: u64, character: u64, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |i| start + i);
    let mut units = 0u64;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        } as u64;
    }
    end
}

/// The LSP position of a byte offset.
pub fn position(text: &str, at: usize, encoding: Encoding) -> Value {
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = &text[line_start..at];
    let character = match encoding {
        Encoding::Utf8 => col.len(),
        Encoding::Utf16 => col.encode_utf16().count(),
    };
    json!({ "line": line, "character": character })
}

/// The text edits a workspace edit makes to `uri`.
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = edit.get("documentChanges").and_then(Value::as_array) {
        return changes
            .iter()
            .filter(|c| c["textDocument"]["uri"] == uri)
            .flat_map(|c| c["edits"].as_array().unwrap().clone())
            .collect();
    }
    edit["changes"][uri].as_array().cloned().unwrap_or_default()
}

/// The didChange content changes that make the same edits: last edit first, so each
/// change's positions are still valid when it is applied.
pub fn content_changes(edits: &[Value], text: &str, encoding: Encoding) -> Value {
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| {
        let s = &e["range"]["start"];
        offset(
            text,
            s["line"].as_u64().unwrap(),
            s["character"].as_u64().unwrap(),
            encoding,
        )
    });
    sorted.reverse();
    json!(sorted
        .iter()
        .map(|e| json!({ "range": e["range"], "text": e["newText"] }))
        .collect::<Vec<_>>())
}

/// Applies LSP text edits (all relative to `text`) the way an editor does.
pub fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut resolved: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().unwrap(),
                    p["character"].as_u64().unwrap(),
                    encoding,
                )
            };
            (
                at(&r["start"]),
                at(&r["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    resolved.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = text.to_string();
    for (s, e, new) in resolved.into_iter().rev() {
        out.replace_range(s..e, new);
    }
    out
}

/// A document as the editor holds it.
pub struct Doc {
    pub uri: String,
    pub text: String,
    pub version: i64,
}

impl Doc {
    pub fn open(client: &mut Client, uri: &str, language_id: &str, text: &str) -> Self {
        client.open(uri, language_id, 1, text);
        Self {
            uri: uri.to_string(),
            text: text.to_string(),
            version: 1,
        }
    }

    /// Applies a code action's workspace edit locally and sends it as one didChange;
    /// returns the new version.
    pub fn apply_action(&mut self, client: &mut Client, action: &Value) -> i64 {
        let edits = edits_for(&action["edit"], &self.uri);
        assert!(
            !edits.is_empty(),
            "the action edits the document: {action:#}"
        );
        if let Some(changes) = action["edit"].get("documentChanges") {
            assert_eq!(
                changes[0]["textDocument"]["version"], self.version,
                "the edit is for the current version"
            );
        }
        let changes = content_changes(&edits, &self.text, client.encoding);
        self.text = apply_edits(&self.text, &edits, client.encoding);
        self.version += 1;
        client.change(&self.uri, self.version, changes);
        self.version
    }

    pub fn diagnostics(&self, client: &mut Client) -> Vec<Value> {
        client.diagnostics(&self.uri, self.version)
    }
}

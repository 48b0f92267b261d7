//! An LSP client that drives the server in-process: `cio_lint::lsp::service()`, the
//! same tower service `cio-lint lsp` serves over stdio, fed JSON-RPC messages without a
//! transport. No test here sleeps or waits for time to pass; each waits for something
//! the server does:
//!
//! - Messages reach the service in the order they are sent, and their futures are
//!   polled as tower-lsp's `Server` polls them (each first polled in arrival order, up
//!   to `MAX_CONCURRENT_MESSAGES` at once): what the server's ordering rests on is what
//!   runs here.
//! - Everything the server sends arrives on one channel: its notifications and
//!   requests in the order it sent them, responses as their handlers finish. A wait
//!   consumes messages until one matches; [`TIMEOUT`] only turns a hung server into a
//!   failure.
//! - A response means the server has handled every message sent before its request
//!   ([`Client::round_trip`]). [`Client::settle`] goes further: every analysis started
//!   so far has finished and everything the server published until then has been
//!   received, so "X was never published" is a plain assertion on
//!   [`Client::notifications`].
//! - The server's log goes to [`Client::log`], written by the thread that logs: a line
//!   logged before a message was sent is there when the message arrives.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, Once};
use std::time::{Duration, Instant};

use futures::channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tower::Service;
use tower_lsp_server::jsonrpc::{Request, Response};

use crate::edits::{apply_edits, content_changes, edits_for, Encoding};

/// A failure guard only: every wait ends as soon as what it waits for arrives.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The runtime's blocking pool (analyses and request work), as `cio-lint lsp` sizes it
/// on two cores. [`Client::settle`] counts on knowing it.
const BLOCKING_THREADS: usize = 4;

/// As `cio-lint lsp`'s runtime: tree-sitter walks are iterative, but not every one.
const THREAD_STACK_SIZE: usize = 16 * 1024 * 1024;

/// What the dispatcher passes to the service: the client's requests and notifications,
/// and its responses to the server's requests.
enum Incoming {
    Request(Request),
    Response(Response),
}

pub struct Client {
    runtime: Option<tokio::runtime::Runtime>,
    to_server: UnboundedSender<Incoming>,
    incoming: Receiver<Value>,
    /// Received but not yet consumed by a wait.
    unread: VecDeque<Value>,
    /// Every notification received, in order.
    pub notifications: Vec<Value>,
    log: Arc<Mutex<String>>,
    next_id: i64,
    /// Documents opened and closed by [`Client::settle`].
    sentinels: u32,
    pub encoding: Encoding,
}

impl Client {
    /// A server, not yet initialized.
    pub fn spawn() -> Self {
        capture_logs();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&log);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(BLOCKING_THREADS)
            .thread_stack_size(THREAD_STACK_SIZE)
            .on_thread_start(move || LOG.with(|log| *log.borrow_mut() = Some(Arc::clone(&sink))))
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let (to_server, from_client) = unbounded();
        let (to_client, incoming) = mpsc::channel();
        // Built on the runtime: the server starts its publisher there, and what it logs
        // while starting goes to this client's log.
        runtime.spawn(serve(from_client, to_client));
        Self {
            runtime: Some(runtime),
            to_server,
            incoming,
            unread: VecDeque::new(),
            notifications: Vec::new(),
            log,
            next_id: 1,
            sentinels: 0,
            encoding: Encoding::Utf16,
        }
    }

    /// Initialized for a client that offers `encodings` (`positionEncodings`), with
    /// pushed diagnostics and versioned workspace edits.
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
        let mut client = Self::spawn();
        client.initialize(
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client
    }

    /// `initialize` with these params, then `initialized`; the result.
    pub fn initialize(&mut self, params: Value) -> Value {
        let result = self.request_ok("initialize", params);
        self.encoding = Encoding::negotiated(&result);
        self.notify("initialized", json!({}));
        result
    }

    /// What the server logged so far (`cio_lint=debug,info`).
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Asserts that the server has logged `what`; the whole log. A line is written
    /// by the code that logs it, before it goes on: check once a message the server
    /// sent after logging it has arrived (or after [`Client::settle`]).
    pub fn assert_logged(&self, what: &str) -> String {
        let log = self.log();
        if !log.contains(what) {
            self.fail(&format!("the server did not log `{what}`"));
        }
        log
    }

    fn fail(&self, what: &str) -> ! {
        panic!(
            "{what}\n--- unread messages ---\n{:#?}\n--- server log ---\n{}",
            self.unread,
            self.log()
        );
    }

    /// Hands a JSON-RPC message to the server: a request or notification, or a
    /// response to one of the server's requests.
    pub fn send(&mut self, message: &Value) {
        let incoming = if message.get("method").is_some() {
            Incoming::Request(serde_json::from_value(message.clone()).expect("a JSON-RPC request"))
        } else {
            Incoming::Response(
                serde_json::from_value(message.clone()).expect("a JSON-RPC response"),
            )
        };
        if self.to_server.unbounded_send(incoming).is_err() {
            self.fail("the server has stopped");
        }
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

    /// Answers a request the server sent.
    pub fn respond(&mut self, id: &Value, result: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
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
                Err(RecvTimeoutError::Disconnected) => {
                    self.fail(&format!("the server stopped while waiting for {what}"))
                }
            }
        }
    }

    /// The items of a `textDocument/diagnostic` pull of `uri`. A pull the server
    /// cancels (the document was analysed again meanwhile) is sent again, as clients
    /// do.
    pub fn pull_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let response = self.request(
                "textDocument/diagnostic",
                json!({ "textDocument": { "uri": uri } }),
            );
            if response["error"]["data"]["retriggerRequest"] == true {
                continue;
            }
            return response["result"]["items"].as_array().unwrap().clone();
        }
    }

    /// Answers `result` to every request for `method` received and not read yet (none
    /// is waited for); how many there were.
    pub fn answer_pending(&mut self, method: &str, result: Value) -> usize {
        while let Ok(message) = self.incoming.try_recv() {
            if message.get("method").is_some() && message.get("id").is_none() {
                self.notifications.push(message.clone());
            }
            self.unread.push_back(message);
        }
        let (pending, rest): (Vec<Value>, Vec<Value>) = self
            .unread
            .drain(..)
            .partition(|m| m["method"] == method && m.get("id").is_some());
        self.unread.extend(rest);
        for request in &pending {
            self.respond(&request["id"], result.clone());
        }
        pending.len()
    }

    /// Every publishDiagnostics received so far for `uri`, in order.
    pub fn publications(&self, uri: &str) -> Vec<&Value> {
        self.notifications
            .iter()
            .filter(|n| n["method"] == "textDocument/publishDiagnostics")
            .map(|n| &n["params"])
            .filter(|p| p["uri"] == uri)
            .collect()
    }

    /// A request round trip. The server first polls each message's handler in arrival
    /// order, and a handler does all it does to the documents before its first
    /// `.await`: when the answer comes, every message sent before it has been handled
    /// (and the analyses they queued have been started).
    pub fn round_trip(&mut self) {
        self.request_ok(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///round-trip.ts" },
                    "position": { "line": 0, "character": 0 } }),
        );
    }

    /// Waits until the server has nothing left to do about the messages sent so far:
    /// they have been handled ([`Client::round_trip`]), every analysis they started has
    /// finished (it published, or found itself superseded and published nothing), and
    /// every publication queued meanwhile has been received. After it, what
    /// [`Client::notifications`] lacks, the server never sends.
    pub fn settle(&mut self) {
        self.round_trip();
        self.drain_blocking_pool();
        // An edited document's summary and facts reach the index on a timer once its
        // text is quiet, and what depends on them is analysed again then: waited out,
        // so that "nothing else was published" is said after it could have been.
        std::thread::sleep(cio_lint::lsp::EXPORTS_QUIET + Duration::from_millis(20));
        self.round_trip();
        self.drain_blocking_pool();
        // Publications go out one at a time in the order they were queued, and a
        // didClose queues its clearing synchronously: once the clearing of a document
        // opened and closed now arrives, everything queued before it has too.
        self.sentinels += 1;
        let uri = format!("file:///settle/{}.ts", self.sentinels);
        self.open(&uri, "typescript", 1, "");
        self.close(&uri);
        self.wait_for(&format!("the clearing of {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["version"].is_null()
        });
    }

    /// Returns once every blocking task spawned so far has finished: as many tasks as
    /// the pool has threads, which meet only when they all run at once. The pool takes
    /// tasks first in, first out and runs each to its end, so by then no earlier task
    /// is queued or running.
    fn drain_blocking_pool(&self) {
        let runtime = self.runtime.as_ref().unwrap();
        let met = Arc::new((Mutex::new(0usize), Condvar::new()));
        let (done, all_done) = mpsc::channel();
        for _ in 0..BLOCKING_THREADS {
            let met = Arc::clone(&met);
            let done = done.clone();
            runtime.spawn_blocking(move || {
                let (count, arrived) = &*met;
                let mut count = count.lock().unwrap();
                *count += 1;
                arrived.notify_all();
                let (count, _) = arrived
                    .wait_timeout_while(count, TIMEOUT, |n| *n < BLOCKING_THREADS)
                    .unwrap();
                let _ = done.send(*count == BLOCKING_THREADS);
            });
        }
        for _ in 0..BLOCKING_THREADS {
            match all_done.recv_timeout(TIMEOUT) {
                Ok(true) => {}
                _ => self.fail("the blocking pool did not drain"),
            }
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

    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
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

    /// `shutdown`, then `exit`; returns once the server has stopped (it closes its
    /// side of every channel).
    pub fn shutdown(mut self) {
        self.request_ok("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => self.unread.push_back(message),
                Err(RecvTimeoutError::Disconnected) => return,
                Err(RecvTimeoutError::Timeout) => self.fail("the server did not stop after exit"),
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        // Analyses still running finish on their own threads; nothing waits for them.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Runs the server until the client's side is dropped or it gets `exit`: what
/// tower-lsp's `Server::serve` does between its framed reader and writer.
async fn serve(mut from_client: UnboundedReceiver<Incoming>, to_client: mpsc::Sender<Value>) {
    let (mut service, socket) = cio_lint::lsp::service();
    let (mut server_requests, mut responses) = socket.split();
    let forward = to_client.clone();
    // The server waits for room on the socket: read it as it comes.
    let read_socket = async move {
        while let Some(request) = server_requests.next().await {
            let _ = forward.send(serde_json::to_value(request).unwrap());
        }
    };
    let (handlers, handled) = unbounded();
    let answer = handled
        .buffer_unordered(cio_lint::lsp::MAX_CONCURRENT_MESSAGES)
        .for_each(move |response: Result<Option<Response>, _>| {
            if let Ok(Some(response)) = response {
                let _ = to_client.send(serde_json::to_value(response).unwrap());
            }
            std::future::ready(())
        });
    let read_client = async move {
        while let Some(message) = from_client.next().await {
            match message {
                Incoming::Request(request) => {
                    if std::future::poll_fn(|cx| service.poll_ready(cx))
                        .await
                        .is_err()
                    {
                        break;
                    }
                    let exit = request.method() == "exit";
                    if handlers.unbounded_send(service.call(request)).is_err() || exit {
                        break;
                    }
                }
                Incoming::Response(response) => {
                    if responses.send(response).await.is_err() {
                        break;
                    }
                }
            }
        }
        // Dropping `handlers` lets the handlers still running finish, and then ends.
    };
    futures::join!(read_socket, answer, read_client);
}

thread_local! {
    /// The log of the client whose runtime this thread belongs to.
    static LOG: RefCell<Option<Arc<Mutex<String>>>> = const { RefCell::new(None) };
}

/// One subscriber for the whole test process; each event goes to the log of the client
/// whose runtime logged it (none for the test threads themselves).
fn capture_logs() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("cio_lint=debug,info"))
            .with_writer(|| ThreadLog)
            .with_ansi(false)
            .with_target(false)
            .init();
    });
}

struct ThreadLog;

impl io::Write for ThreadLog {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        LOG.with(|log| {
            if let Some(log) = &*log.borrow() {
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(bytes));
            }
        });
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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

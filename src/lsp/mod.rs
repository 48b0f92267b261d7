//! The language server: `cio-lint lsp`, JSON-RPC over stdin/stdout.
//!
//! # What the server does, per LSP method
//!
//! - `initialize`: negotiates the position encoding (UTF-8 when the client offers it,
//!   else the client's first of UTF-16/UTF-32, else UTF-16) and reduces the client's
//!   capabilities to a [`capabilities::ResolvedClientCapabilities`] once. Reads
//!   `initializationOptions.maxFileSize` (bytes, default 1 MiB) and
//!   `initializationOptions.pullDiagnostics` (`false`: do not offer pull).
//! - `textDocument/didOpen`: what the document is comes from `languageId`, else from
//!   the URI's extension ([`crate::engine::FileKind`]): TypeScript/JavaScript is parsed
//!   and checked by the script rules; email templates (`html`, `liquid`, `mjml`,
//!   `handlebars`; `.html/.htm/.liquid/.mjml/.hbs`) and campaign files (`yaml`, `json`,
//!   only under a path [`crate::engine::is_campaign_path`] accepts, as the CLI decides
//!   when it walks folders) are kept as text and line index and checked by the document
//!   rules. Documents in other languages are ignored (a debug log line).
//! - `textDocument/didChange`: incremental edits applied strictly in arrival order
//!   (see [`notifications::did_change`]); ranges past the end are clamped and logged.
//! - `textDocument/didClose`: forgets the document and clears its diagnostics; what the
//!   file exports is read from disk again.
//! - `initialized`: indexes the workspace folders in the background, with `$/progress`
//!   for a client that supports `window.workDoneProgress` (see [`workspace`]), and asks
//!   to watch configs and scripts when the client registers watchers at run time.
//! - `workspace/didChangeWatchedFiles`, `workspace/didChangeWorkspaceFolders`: the index
//!   follows; the open documents whose imports it now settles otherwise, and those a
//!   changed `cio-lint.json` concerns, are analysed again.
//! - `workspace/executeCommand` `cio-lint.reindex`: every folder indexed again;
//!   `cio-lint.fixAll`: every safe fix of the workspace in one `workspace/applyEdit`.
//! - `textDocument/publishDiagnostics` (pushed for every client) and
//!   `textDocument/diagnostic` (pull, offered when the client supports it): a result
//!   computed for an older version than the document's current one is never sent.
//!   Clients that keep pushed and pulled diagnostics apart (VS Code, Neovim ≥ 0.10)
//!   show each finding twice when both are active: an integration that wants each
//!   once passes `initializationOptions.pullDiagnostics: false`.
//! - `workspace/diagnostic` (offered with pull): the scripts of the workspace folders
//!   that are not open, read from disk and analysed as `check` does, with result ids
//!   that hash each file's text and report (see [`requests::workspace_diagnostic`]).
//! - `textDocument/codeAction`: a `quickfix` per fixable finding in the range, and
//!   `source.fixAll.cio-lint` (every safe fix, in one edit) when `only` asks for it;
//!   each fix is validated against the current text first (a text document's fix by
//!   applying it and re-running the document rules). Fix-all and "Ignore … on this
//!   line" are for scripts only: templates and campaign files have no `//` comments.
//! - `textDocument/hover`: explains the findings under the cursor in Markdown, and
//!   what the tracking plan says of an event name literal.
//! - `textDocument/completion`, `definition`, `references`, `prepareRename`/`rename`,
//!   `workspace/symbol`: the tracking plan's events, property keys and attribute keys
//!   in the slots of Customer.io calls (see [`requests::events`]); `didSave` and edits of
//!   a plan file re-check the open documents (see [`plan`]).
//!
//! Documents over the size limit are kept (so later edits apply) but neither parsed nor
//! analysed: one log line when a document crosses the limit, nothing per request.
//!
//! Logs go to stderr through `tracing` (`CIO_LINT_LOG`, else `RUST_LOG`, filters them);
//! stdout carries only the protocol.
//!
//! # Module map, and what may import what
//!
//! `session` (settings, configuration, notifications) with `workspace` (the index, file
//! and folder events, dependants; methods of the session) drives `store` (documents, edits,
//! trees kept or let go, generations, the analysis recorded per generation); the store
//! hands out `snapshot`s, one generation as a value with the `Analysis` it carries or
//! computes; `analysis` makes diagnostics and fixes of them; `publisher` sends them.
//! Imports go one way: `session` → `store`, `snapshot`, `analysis`, `publisher`;
//! `publisher` → `store`, `snapshot`; `store`, `analysis` → `snapshot` → `text`. Only
//! the handlers (`server`, `notifications`, `requests`) import `session`, and a snapshot
//! never writes to the store: whoever computed its analysis records it there.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tower_lsp_server::{ClientSocket, LanguageServer, LspService, Server};

mod analysis;
mod capabilities;
mod configuration;
mod convert;
mod notifications;
mod plan;
mod publisher;
mod requests;
mod server;
mod session;
mod snapshot;
mod store;
mod text;
mod transport;
mod workspace;

/// Stack for runtime and blocking threads: the tree-sitter walks are iterative, but a
/// margin keeps a pathological file from ending the process.
const THREAD_STACK_SIZE: usize = 16 * 1024 * 1024;

/// The environment variable that sets how many threads analyse documents at once.
pub const THREADS_VAR: &str = "CIO_LINT_THREADS";

/// How many blocking threads analyse at once: `CIO_LINT_THREADS`, else one per core.
/// A burst of edits across many documents then queues instead of starting a thread
/// (and a 16 MiB stack) per analysis; superseded analyses leave the queue unrun.
fn analysis_threads() -> Result<usize, String> {
    match std::env::var(THREADS_VAR) {
        Ok(value) => match value.trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "{THREADS_VAR}={value:?} is not a number of threads (1 or more)"
            )),
        },
        Err(_) => Ok(std::thread::available_parallelism().map_or(2, |n| n.get())),
    }
}

/// How long an idle blocking thread (analysis, requests, stdout) waits for more work
/// before it ends, handing its memory back (see [`COLLECT_FREED_MEMORY`]); tokio's
/// default is 10 s, during which a closed document's analyses stayed in memory.
/// Starting a thread again costs a fraction of a millisecond, against tens for an
/// analysis.
const BLOCKING_KEEP_ALIVE: Duration = Duration::from_millis(500);

/// Gives back to the system the memory that the allocator holds free for the calling
/// thread. The binary's allocator, mimalloc (src/main.rs), returns a page only when the
/// thread that owns it collects it, and a block freed by another thread (an analysis
/// made on a blocking thread and dropped on close by the protocol thread) waits in its
/// owner's page until the owner allocates again, or ends. `force` also goes through
/// full pages. Set by [`run_stdio`]; in-process servers (tests, fuzzers) do without.
static COLLECT_FREED_MEMORY: OnceLock<fn(bool)> = OnceLock::new();

pub(crate) fn collect_freed_memory(force: bool) {
    if let Some(collect) = COLLECT_FREED_MEMORY.get() {
        collect(force);
    }
}

/// Messages handled at once. Requests wait for blocking analysis threads; with
/// tower-lsp's default of 4, a few slow code-action requests would hold up the edits
/// behind them. What [`serve_on`] runs [`service`] with, and what an embedder that
/// drives the service itself should allow.
pub const MAX_CONCURRENT_MESSAGES: usize = 16;

/// How long an edited document's text must stay unchanged before its summary and facts
/// reach the workspace index (and the documents that depend on them are analysed
/// again): tests wait this out before they say that nothing else happened.
pub use workspace::EXPORTS_QUIET;

/// Runs the server on stdin/stdout until the client sends `exit` or closes stdin.
/// Exits with 0 after an orderly `shutdown` + `exit`, 1 otherwise (as LSP asks).
/// `collect` is the allocator's (see [`COLLECT_FREED_MEMORY`]).
pub fn run_stdio(collect: fn(bool)) -> ExitCode {
    let _ = COLLECT_FREED_MEMORY.set(collect);
    init_logging();
    let threads = match analysis_threads() {
        Ok(n) => n,
        Err(message) => {
            tracing::error!("{message}");
            return ExitCode::from(2);
        }
    };
    tracing::debug!(threads, "analysis threads");
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(THREAD_STACK_SIZE)
        // Writing stdout holds a blocking thread too (stdin has a thread of its own).
        .max_blocking_threads(threads + 1)
        .thread_keep_alive(BLOCKING_KEEP_ALIVE)
        // A worker about to sleep gives back the memory freed into its pages since it
        // last allocated (see [`COLLECT_FREED_MEMORY`]): some 15 µs, off the path of any
        // work, as it runs only when there is none.
        .on_thread_park(|| collect_freed_memory(false))
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            tracing::error!("cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    let orderly = runtime.block_on(serve());
    // Do not wait for analyses still running once the protocol has ended.
    runtime.shutdown_timeout(Duration::from_millis(100));
    if orderly {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Serves until the protocol ends; whether `shutdown` came before the end.
async fn serve() -> bool {
    serve_on(stdin_on_its_own_thread(), tokio::io::stdout()).await
}

/// stdin, read on a thread that does nothing else. `tokio::io::stdin` reads on the
/// blocking pool, and the pool thread left waiting for the next message could be one
/// that had analysed documents: it kept what others freed in its memory (see
/// [`BLOCKING_KEEP_ALIVE`]) for as long as the client stayed quiet.
fn stdin_on_its_own_thread() -> tokio::io::DuplexStream {
    use std::io::Read;
    use tokio::io::AsyncWriteExt;
    let (mut to_server, from_stdin) = tokio::io::duplex(64 * 1024);
    let runtime = tokio::runtime::Handle::current();
    let reader = move || {
        let mut stdin = std::io::stdin().lock();
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match stdin.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => {
                    tracing::error!("cannot read stdin: {err}");
                    break;
                }
            };
            // Fails once the server has stopped reading: nothing is left to do.
            if runtime.block_on(to_server.write_all(&chunk[..n])).is_err() {
                break;
            }
        }
        // Dropping `to_server` ends the input: the same as the client closing stdin.
    };
    if let Err(err) = std::thread::Builder::new()
        .name("cio-lint-stdin".into())
        .spawn(reader)
    {
        // Without it the server would read nothing: end at once, as on a closed stdin.
        tracing::error!("cannot start the thread that reads stdin: {err}");
    }
    from_stdin
}

/// Serves one session: JSON-RPC frames read from `input`, answers written to `output`,
/// until the client exits or closes `input`. Whether the client asked for `shutdown`
/// first. The fuzzers feed it arbitrary bytes in-process.
pub async fn serve_on(
    input: impl tokio::io::AsyncRead + Unpin + Send + 'static,
    output: impl tokio::io::AsyncWrite + Unpin,
) -> bool {
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        "cio-lint language server starting"
    );
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let (service, socket) = build_service(Arc::clone(&shutdown_requested));
    let (reader, pump) = transport::sanitized(input);
    let input = tokio::spawn(pump);
    Server::new(reader, output, socket)
        .concurrency_level(MAX_CONCURRENT_MESSAGES)
        .serve(service)
        .await;
    input.abort();
    let orderly = shutdown_requested.load(Ordering::SeqCst);
    tracing::info!(orderly, "cio-lint language server stopped");
    orderly
}

/// The language server as a `tower::Service` of JSON-RPC messages, without a
/// transport: what [`serve_on`] serves, for driving it in-process (the in-process
/// tests do). Each message goes in through the service, in the order the client sent
/// it; what the server sends the client (notifications, its own requests) comes out of
/// the [`ClientSocket`], which must be read as it comes: the server waits for room on
/// it. Responses to the server's requests go back in through the socket's sink.
///
/// Call it on a tokio runtime (the server starts its publisher task there), and poll
/// the calls' futures the way tower-lsp's `Server` does: each one first polled in
/// arrival order, up to [`MAX_CONCURRENT_MESSAGES`] at a time.
pub fn service() -> (LspService<impl LanguageServer>, ClientSocket) {
    build_service(Arc::new(AtomicBool::new(false)))
}

/// The server, with `shutdown_requested` set when the client asks for `shutdown`.
fn build_service(
    shutdown_requested: Arc<AtomicBool>,
) -> (LspService<server::Server>, ClientSocket) {
    LspService::build(move |client| server::Server::new(client, shutdown_requested))
        .custom_method(
            transport::INVALID_MESSAGE_METHOD,
            server::Server::invalid_message,
        )
        .finish()
}

/// Logs to stderr, filtered by `CIO_LINT_LOG` or `RUST_LOG` (default `info`); never
/// with a message body, whatever the filter says (see [`carries_no_text`]).
fn init_logging() {
    use tracing_subscriber::filter::{filter_fn, EnvFilter, FilterExt};
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::Layer;
    let mut rejected = Vec::new();
    let filter = ["CIO_LINT_LOG", "RUST_LOG"]
        .iter()
        .find_map(|var| {
            let value = std::env::var(var).ok().filter(|v| !v.trim().is_empty())?;
            EnvFilter::try_new(&value)
                .map_err(|err| rejected.push(format!("{var}={value:?} ignored: {err}")))
                .ok()
        })
        .unwrap_or_else(|| EnvFilter::new("info"));
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .with_filter(filter.and(filter_fn(|meta| {
            carries_no_text(meta.target(), *meta.level())
        })));
    let _ = tracing_subscriber::registry().with(layer).try_init();
    for message in rejected {
        tracing::warn!("{message}");
    }
}

/// Whether an event may be logged. tower-lsp-server logs every JSON-RPC body at trace
/// (`<- {message}`, `-> {message}`): document text, and with it the credentials in it.
/// Its events below `info` are dropped here, after the user's filter, so no directive
/// (`trace`, `tower_lsp_server::codec=trace`) brings them back; the framing in
/// [`transport`] logs each message's method and size instead.
fn carries_no_text(target: &str, level: tracing::Level) -> bool {
    !target.starts_with("tower_lsp_server") || level <= tracing::Level::INFO
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::Level;

    #[test]
    fn tower_lsp_logs_only_at_info_and_above() {
        assert!(!carries_no_text("tower_lsp_server::codec", Level::TRACE));
        assert!(!carries_no_text(
            "tower_lsp_server::service::client",
            Level::DEBUG
        ));
        assert!(carries_no_text(
            "tower_lsp_server::service::layers",
            Level::INFO
        ));
        assert!(carries_no_text("tower_lsp_server::transport", Level::ERROR));
        assert!(carries_no_text("cio_lint::lsp::session", Level::TRACE));
    }
}

//! Panic boundaries: a bug in one rule, on one file, must not take down a whole `check`
//! run or the language server. Every stage of an analysis (the model, each rule, each
//! fix validation) runs inside [`guard`]; a panic there becomes a [`Failure`] that names
//! the stage and what panicked where, and the stages around it carry on.
//!
//! Under `cargo fuzz` (`cfg(fuzzing)`) nothing is caught, so that the fuzzers see every
//! panic as the crash it is.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, OnceLock};

/// A stage of an analysis that panicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// A rule id, or the name of another stage (`model`, `suppressions`, …).
    pub stage: String,
    /// The panic's message and where it was raised (`… at src/rules/x.rs:12:5`).
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} panicked: {}", self.stage, self.message)
    }
}

thread_local! {
    /// How many guards this thread is inside: the panic hook stays quiet within one.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// What the last panic inside a guard said, for the guard to report.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The environment variable that makes a stage panic on purpose, so that tests can
/// prove each boundary holds (`CIO_LINT_INJECT_PANIC=millisecond-timestamp`). Read once.
pub const INJECT_PANIC_VAR: &str = "CIO_LINT_INJECT_PANIC";

fn injected() -> Option<&'static str> {
    static STAGE: OnceLock<Option<String>> = OnceLock::new();
    STAGE
        .get_or_init(|| {
            std::env::var(INJECT_PANIC_VAR)
                .ok()
                .filter(|s| !s.is_empty())
        })
        .as_deref()
}

/// Panics when `stage` is the one [`INJECT_PANIC_VAR`] names. Stages that are not run
/// through [`guard`] (the server's document updates, its publisher) call this at the
/// point a real bug would strike.
pub fn inject(stage: &str) {
    if injected() == Some(stage) {
        panic!("panic injected by {INJECT_PANIC_VAR} in `{stage}`");
    }
}

/// Installs (once per process) a panic hook that records the message of a panic inside
/// a guard instead of printing it, and leaves every other panic to the previous hook.
fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                previous(info);
                return;
            }
            let payload = info.payload();
            let text = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_string());
            let text = without_quoted_text(&text);
            let message = match info.location() {
                Some(at) => format!("{text} at {}:{}:{}", at.file(), at.line(), at.column()),
                None => text,
            };
            LAST.with(|last| *last.borrow_mut() = Some(message));
        }));
    });
}

/// The standard library quotes the string it failed to slice (`… when slicing
/// `<the whole file>``): that is the user's code, credentials and all, and no report
/// or log may carry it. Keeps the message up to the first quote, at most 200 bytes.
fn without_quoted_text(message: &str) -> String {
    let mut end = message.find('`').unwrap_or(message.len()).min(200);
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    let kept = message[..end].trim_end();
    if end < message.len() {
        format!("{kept} …")
    } else {
        kept.to_string()
    }
}

/// Runs `f` as the stage `stage`; a panic inside it becomes a [`Failure`].
///
/// Whatever `f` had mutated before panicking is the caller's to discard (rules append
/// to a findings list: the caller truncates it).
pub fn guard<R>(stage: &str, f: impl FnOnce() -> R) -> Result<R, Failure> {
    if cfg!(fuzzing) {
        return Ok(f());
    }
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        inject(stage);
        f()
    }));
    DEPTH.with(|d| d.set(d.get() - 1));
    outcome.map_err(|_| {
        let message = LAST
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "a panic without a message".to_string());
        tracing::error!(stage, "internal error: {message}");
        Failure {
            stage: stage.to_string(),
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_failure_naming_the_stage_and_place() {
        let failure = guard("some-rule", || -> u32 { panic!("index out of range") }).unwrap_err();
        assert_eq!(failure.stage, "some-rule");
        assert!(
            failure
                .message
                .starts_with("index out of range at src/isolate.rs:"),
            "{failure}"
        );
        assert_eq!(guard("other", || 7), Ok(7));
    }

    #[test]
    fn the_code_a_panic_quotes_is_left_out() {
        let source = String::from("const key = 'sk_live_secret';");
        let (begin, end) = (std::hint::black_box(20), 10);
        let failure = guard("slicing", || source[begin..end].len()).unwrap_err();
        assert!(!failure.message.contains("sk_live"), "{failure}");
        assert!(
            failure
                .message
                .starts_with("begin > end (20 > 10) when slicing …"),
            "{failure}"
        );
    }

    #[test]
    fn nested_guards_report_to_the_innermost() {
        let outer = guard("outer", || {
            let inner = guard("inner", || panic!("deep"));
            assert_eq!(inner.unwrap_err().stage, "inner");
            1
        });
        assert_eq!(outer, Ok(1));
    }
}

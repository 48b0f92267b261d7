//! Keystroke-to-diagnostics latency of the real language server (`cio-lint lsp`, the
//! release binary), as an editor sees it: open a generated TypeScript file where every
//! function is Customer.io code, then type into a function body, one character per
//! `didChange`, a fixed interval apart, and time each version's `publishDiagnostics`
//! from the moment its `didChange` was sent.
//!
//! The server drops the diagnostics of a version that a newer one superseded before its
//! analysis finished, so when edits come faster than analysis most versions are never
//! published: the percentiles are over the published ones, and the skipped ones are
//! counted. The last edit is always published; its latency is what a user waits for
//! once they stop typing.
//!
//! Run with `cargo bench --bench lsp_latency`; options (after `--`):
//! `--lines 10000,1200` (one case per size), `--edits 300`, `--interval-ms 15`,
//! `--typed TEXT` (what is typed, `\n` for a newline; by default a Customer.io call).

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::lsp::{is_diagnostics_of, Server};
use common::sources::cio_file;

/// What is typed, character by character, again and again: a Customer.io call, with
/// the unbalanced brackets that typing one goes through.
const TYPED: &str = "  await cio.track(user.id, { name: 'typed', data: { n: 1 } });\n";

struct Options {
    lines: Vec<usize>,
    edits: usize,
    interval: Duration,
    typed: String,
}

fn options() -> Options {
    let mut o = Options {
        lines: vec![10_000, 1_200],
        edits: 300,
        interval: Duration::from_millis(15),
        typed: TYPED.to_string(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--lines" => {
                o.lines = value()
                    .split(',')
                    .map(|n| n.trim().replace('_', "").parse().expect("--lines N,N…"))
                    .collect();
            }
            "--edits" => o.edits = value().parse().expect("--edits N"),
            // `\n` in it is a newline.
            "--typed" => o.typed = value().replace("\\n", "\n"),
            "--interval-ms" => {
                o.interval = Duration::from_millis(value().parse().expect("--interval-ms N"))
            }
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            other => panic!("unknown option {other} (--lines, --edits, --interval-ms, --typed)"),
        }
    }
    o
}

/// The `q` quantile by nearest rank of sorted `v`.
fn quantile(v: &[Duration], q: f64) -> Duration {
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Notes when `uri`'s diagnostics of a version arrived (the first time only).
fn record(
    (at, m): (Instant, serde_json::Value),
    uri: &str,
    published: &mut BTreeMap<i32, Instant>,
) {
    if is_diagnostics_of(&m, uri) {
        if let Some(v) = m["params"]["version"].as_i64() {
            published.entry(v as i32).or_insert(at);
        }
    }
}

fn case(lines: usize, o: &Options) {
    let text = cio_file(lines);
    let uri = format!("file:///bench/src/handlers{lines}.ts");
    let mut server = Server::start();

    let opened = Instant::now();
    server.open(&uri, "typescript", 1, &text);
    let first = server
        .wait_for(1, |m| {
            is_diagnostics_of(m, &uri) && m["params"]["version"] == 1
        })
        .pop()
        .unwrap();
    let open_latency = opened.elapsed();
    let diagnostics = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);

    // Type into the body of the function in the middle of the file, just before its
    // `const total = …` line.
    let mut line = text
        .lines()
        .enumerate()
        .skip(lines / 2)
        .find(|(_, l)| l.trim_start().starts_with("const total"))
        .map(|(i, _)| i as u32)
        .expect("a function body past the middle");
    let mut character = 0u32;

    let mut sent: BTreeMap<i32, Instant> = BTreeMap::new();
    let mut published: BTreeMap<i32, Instant> = BTreeMap::new();
    let began = Instant::now();
    assert!(!o.typed.is_empty(), "--typed needs some text");
    let mut typed = o.typed.chars().cycle();
    for i in 0..o.edits {
        let due = began + o.interval * i as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let version = i as i32 + 2;
        let c = typed.next().unwrap();
        sent.insert(version, Instant::now());
        server.insert(&uri, version, line, character, &c.to_string());
        if c == '\n' {
            line += 1;
            character = 0;
        } else {
            character += c.len_utf16() as u32;
        }
        while let Some(message) = server.recv_timeout(Duration::ZERO) {
            record(message, &uri, &mut published);
        }
    }
    let last = o.edits as i32 + 1;
    let deadline = Instant::now() + Duration::from_secs(300);
    while !published.contains_key(&last) {
        let message = server
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the last version's diagnostics arrived in time");
        record(message, &uri, &mut published);
    }
    server.close(&uri);
    server.stop();

    let mut latencies: Vec<Duration> = published
        .iter()
        .filter_map(|(v, at)| Some(at.saturating_duration_since(*sent.get(v)?)))
        .collect();
    let last_latency = published[&last].saturating_duration_since(sent[&last]);
    latencies.sort();
    let count = latencies.len();
    println!(
        "{lines}-line file ({} KiB, every function Customer.io code, {diagnostics} diagnostics), {} edits {} ms apart:",
        text.len() / 1024,
        o.edits,
        o.interval.as_millis()
    );
    println!("  typed over and over              {:?}", o.typed);
    println!("  didOpen → first diagnostics      {}", ms(open_latency));
    println!(
        "  published {count} of {} versions ({} skipped: superseded before their analysis finished)",
        o.edits,
        o.edits - count
    );
    println!(
        "  didChange → publishDiagnostics   p50 {}  p90 {}  p99 {}  max {}",
        ms(quantile(&latencies, 0.5)),
        ms(quantile(&latencies, 0.9)),
        ms(quantile(&latencies, 0.99)),
        ms(latencies[count - 1])
    );
    println!("  last edit → its diagnostics      {}", ms(last_latency));
}

fn main() {
    let o = options();
    for &lines in &o.lines {
        case(lines, &o);
    }
}

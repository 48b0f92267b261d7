//! The language server's memory, measured on the real binary: its resident set (RSS,
//! from /proc) at start, with 200 open 1 000-line Customer.io documents, and after
//! closing them all, and the most threads it ran; then `check` of one 50 MB file (one
//! Customer.io function in twenty) with the size limit raised: time and peak RSS. The
//! server's cycle (open, edit, close) runs twice: the second shows that what the first
//! left behind is not kept per document. Run with `cargo bench --bench server_memory`
//! (`-- --server-only` skips the big file; Linux only: it reads /proc). Sizes are also given as ratios to the text's size. Each
//! RSS is split into anonymous memory (the heap, stacks) and file pages (the binary's
//! code and tables, paged in as they are first used and kept while memory is plentiful).

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::lsp::Server;

const DOCUMENTS: usize = 200;
const LINES: usize = 1000;

/// Customer.io calls with pitfalls (a millisecond `created_at`, an unhandled promise).
const UNIT: &str = "export async function signup{n}(user: User) {
  const attrs = { email: user.email, created_at: Date.now() };
  await cio.identify(user.id, attrs);
  cio.track(user.id, { name: 'signed_up', data: { step: {n} } });
}
";

/// The ordinary code around them.
const PLAIN: &str = "export function total{n}(items: Item[]): number {
  let sum = 0;
  for (const item of items) {
    if (item.kind === 'fee') continue;
    sum += item.price * item.quantity;
  }
  return Math.round(sum * 100) / 100;
}
";

/// A file of about `lines` lines: one Customer.io function for every `plain` ordinary
/// ones (about 30 bytes a line, as application code has).
fn document(lines: usize, plain: usize) -> String {
    let mut text = String::from(
        "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.S!, process.env.K!);\n",
    );
    let mut n = 0;
    while text.lines().count() < lines {
        let unit = if n % (plain + 1) == 0 { UNIT } else { PLAIN };
        text.push_str(&unit.replace("{n}", &n.to_string()));
        n += 1;
    }
    text
}

fn rss_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// RSS, with its anonymous and file parts, in KiB.
fn rss(pid: u32) -> [u64; 3] {
    [
        rss_kib(pid, "VmRSS:"),
        rss_kib(pid, "RssAnon:"),
        rss_kib(pid, "RssFile:"),
    ]
}

/// With `CIO_BENCH_SMAPS=DIR`, the server's /proc smaps at each reading, as DIR/NAME:
/// which mappings (allocator arena, thread stacks, the binary) hold the RSS.
fn dump_smaps(pid: u32, name: &str) {
    if let Some(dir) = std::env::var_os("CIO_BENCH_SMAPS") {
        let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
        let _ = std::fs::write(std::path::Path::new(&dir).join(name), smaps);
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// "anon A, file F" (MiB) of an [`rss`] reading.
fn parts([_, anon, file]: [u64; 3]) -> String {
    format!("anon {:.1}, file {:.1}", mib(anon), mib(file))
}

fn threads(pid: u32) -> u64 {
    rss_kib(pid, "Threads:")
}

/// One cycle: opens the documents, edits them all at once, closes them; how long the
/// opening took and the RSS with them open and after closing them.
fn cycle(
    server: &mut Server,
    pid: u32,
    text: &str,
    peak_threads: &mut u64,
) -> (Duration, [u64; 3], [u64; 3]) {
    let uri = |i: usize| format!("file:///bench/src/doc{i}.ts");
    let began = Instant::now();
    for i in 0..DOCUMENTS {
        server.open(&uri(i), "typescript", 1, text);
        *peak_threads = (*peak_threads).max(threads(pid));
    }
    server.wait_for(DOCUMENTS, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
    });
    let opened = began.elapsed();
    *peak_threads = (*peak_threads).max(threads(pid));
    let open = rss(pid);
    dump_smaps(pid, "open");
    // A burst of edits on every document at once.
    for i in 0..DOCUMENTS {
        server.insert(&uri(i), 2, 3, 0, " ");
        *peak_threads = (*peak_threads).max(threads(pid));
    }
    server.wait_for(DOCUMENTS, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 2
    });
    *peak_threads = (*peak_threads).max(threads(pid));
    for i in 0..DOCUMENTS {
        server.close(&uri(i));
    }
    server.wait_for(DOCUMENTS, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null()
    });
    std::thread::sleep(Duration::from_secs(1));
    dump_smaps(pid, "closed");
    (opened, open, rss(pid))
}

fn server() {
    let mut server = Server::start();
    let pid = server.pid();
    std::thread::sleep(Duration::from_millis(300));
    let start = rss(pid);
    dump_smaps(pid, "start");
    let text = document(LINES, 3);
    let mut peak_threads = threads(pid);
    let (opened, open, closed) = cycle(&mut server, pid, &text, &mut peak_threads);
    // The same again: what the first cycle left behind that is not kept per document
    // (code paged in, buffers grown to the largest message) is there from its start.
    let (_, open_again, closed_again) = cycle(&mut server, pid, &text, &mut peak_threads);
    let text_kib = (text.len() * DOCUMENTS) as f64 / 1024.0;
    let change =
        |after: [u64; 3], before: [u64; 3]| (after[0] as f64 / before[0] as f64 - 1.0) * 100.0;
    println!(
        "server: {DOCUMENTS} documents of {LINES} lines ({:.1} MiB of text), opened and analysed in {:.2} s",
        text_kib / 1024.0,
        opened.as_secs_f64()
    );
    println!(
        "  RSS at start            {:>8.1} MiB ({})",
        mib(start[0]),
        parts(start)
    );
    println!(
        "  RSS with them open      {:>8.1} MiB ({:.1}x the text; {})",
        mib(open[0]),
        open[0] as f64 / text_kib,
        parts(open)
    );
    println!(
        "  RSS after closing them  {:>8.1} MiB ({:+.1}% of the start; {})",
        mib(closed[0]),
        change(closed, start),
        parts(closed)
    );
    println!(
        "  the same again: open    {:>8.1} MiB; closed {:.1} MiB ({:+.1}% of the first close; {})",
        mib(open_again[0]),
        mib(closed_again[0]),
        change(closed_again, closed),
        parts(closed_again)
    );
    println!("  threads at most         {peak_threads:>8}");
    server.stop();
}

fn big_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ts");
    let mut text = document(LINES, 3);
    let block = document(LINES, 19);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&block[block.find("export").unwrap_or(0)..]);
    }
    std::fs::write(&path, &text).unwrap();
    let began = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cio-lint"))
        .args([
            "check",
            "--quiet",
            "--format",
            "json",
            "--max-file-size",
            "100000000",
        ])
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(rss_kib(pid, "VmHWM:"));
        std::thread::sleep(Duration::from_millis(20));
    }
    println!(
        "check of one {:.0} MiB file: {:.2} s, peak RSS {:.0} MiB ({:.1}x the text)",
        text.len() as f64 / 1048576.0,
        began.elapsed().as_secs_f64(),
        peak as f64 / 1024.0,
        peak as f64 * 1024.0 / text.len() as f64
    );
}

fn main() {
    if !cfg!(target_os = "linux") {
        println!("server_memory reads /proc: Linux only");
        return;
    }
    server();
    if !std::env::args().any(|a| a == "--server-only") {
        big_file();
    }
}

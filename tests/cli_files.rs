//! `cio-lint check` against what a file system holds besides plain files: symlinks and
//! hard links under `--fix`, FIFOs and other non-regular files, and config files that
//! are not a JSON object, start with a BOM or are too big to compile.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A millisecond `created_at`: one safe fix.
const SIGNUP_TS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export async function f(user: {id: string, email: string}) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
";
const SIGNUP_FIXED: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export async function f(user: {id: string, email: string}) {
  await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });
}
";

/// Longer than any run of the binary here takes; a run that needs it has hung.
const DEADLINE: Duration = Duration::from_secs(20);

fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let full = dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }
    dir
}

fn cio(dir: &TempDir) -> Command {
    let mut cmd = Command::cargo_bin("cio-lint").unwrap();
    cmd.current_dir(dir.path()).env_remove("NO_COLOR");
    cmd
}

fn mkfifo(path: &Path) {
    let status = StdCommand::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
    assert!(fs::metadata(path).unwrap().file_type().is_fifo());
}

/// What a run that was not allowed to hang printed.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `cio-lint ARGS` in `dir` with stdin closed, killing it (and failing the test)
/// if it is still running after [`DEADLINE`]: reading a FIFO blocks until a writer
/// comes, so a regression would otherwise hang the test suite.
fn run_with_deadline(dir: &TempDir, args: &[&str]) -> Run {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("cio-lint"))
        .args(args)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > DEADLINE {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("cio-lint {args:?} still running after {DEADLINE:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // The outputs are a few lines: the pipes never filled while the child ran.
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(output)))
}

#[test]
fn fix_through_a_symlink_on_the_command_line_writes_the_target_and_keeps_the_link() {
    let dir = project(&[("real/signup.ts", SIGNUP_TS)]);
    std::os::unix::fs::symlink("real/signup.ts", dir.path().join("link.ts")).unwrap();
    cio(&dir)
        .args(["check", "--fix", "--no-color", "link.ts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 1 pitfall in 1 file."))
        .stdout(predicate::str::contains(
            "wrote real/signup.ts (through the link link.ts)",
        ));
    let link = dir.path().join("link.ts");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/signup.ts"));
    assert_eq!(
        fs::read_to_string(dir.path().join("real/signup.ts")).unwrap(),
        SIGNUP_FIXED
    );
    // No temporary file is left next to the target or the link.
    let mut names: Vec<String> = fs::read_dir(dir.path().join("real"))
        .unwrap()
        .chain(fs::read_dir(dir.path()).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["link.ts", "real", "signup.ts"]);
}

#[test]
fn a_link_and_its_target_both_named_are_checked_and_fixed_once() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    std::os::unix::fs::symlink("signup.ts", dir.path().join("link.ts")).unwrap();
    fs::hard_link(dir.path().join("signup.ts"), dir.path().join("hard.ts")).unwrap();
    let out = cio(&dir)
        .args([
            "check",
            "--format",
            "json",
            "signup.ts",
            "link.ts",
            "hard.ts",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json_of(&out);
    assert_eq!(report["files"], 1, "{report}");
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        1,
        "{report}"
    );
    assert_eq!(report["diagnostics"][0]["path"], "signup.ts");

    cio(&dir)
        .args(["check", "--fix", "--no-color", "link.ts", "signup.ts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 1 pitfall in 1 file."));
    assert_eq!(
        fs::read_to_string(dir.path().join("signup.ts")).unwrap(),
        SIGNUP_FIXED
    );
}

#[test]
fn links_inside_a_folder_are_not_followed_by_fix() {
    let dir = project(&[
        ("src/signup.ts", SIGNUP_TS),
        ("elsewhere/other.ts", SIGNUP_TS),
    ]);
    std::os::unix::fs::symlink("../elsewhere/other.ts", dir.path().join("src/other.ts")).unwrap();
    cio(&dir)
        .args(["check", "--fix", "--no-color", "src"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed 1 pitfall in 1 file."))
        .stdout(predicate::str::contains("wrote src/signup.ts"));
    assert!(fs::symlink_metadata(dir.path().join("src/other.ts"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read_to_string(dir.path().join("elsewhere/other.ts")).unwrap(),
        SIGNUP_TS
    );
}

#[test]
fn fix_keeps_hard_links() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    let (file, other) = (dir.path().join("signup.ts"), dir.path().join("other.ts"));
    fs::hard_link(&file, &other).unwrap();
    let inode = fs::metadata(&file).unwrap().ino();
    cio(&dir)
        .args(["check", "--fix", "--no-color", "signup.ts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("wrote signup.ts"));
    let meta = fs::metadata(&file).unwrap();
    assert_eq!((meta.ino(), meta.nlink()), (inode, 2));
    assert_eq!(fs::read_to_string(&file).unwrap(), SIGNUP_FIXED);
    assert_eq!(fs::read_to_string(&other).unwrap(), SIGNUP_FIXED);
    // Nothing left behind (the in-place write keeps a backup only when it fails).
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn a_fifo_named_on_the_command_line_exits_2_without_hanging() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    mkfifo(&dir.path().join("x.ts"));
    let run = run_with_deadline(&dir, &["check", "--no-color", "x.ts", "signup.ts"]);
    assert_eq!(
        run.code,
        Some(1),
        "findings in signup.ts decide: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("x.ts") && run.stderr.contains("FIFO"),
        "{}",
        run.stderr
    );
    let run = run_with_deadline(&dir, &["check", "x.ts"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
    // Through a link too.
    std::os::unix::fs::symlink("x.ts", dir.path().join("link.ts")).unwrap();
    let run = run_with_deadline(&dir, &["check", "link.ts"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("link.ts"), "{}", run.stderr);
}

#[test]
fn a_fifo_inside_a_folder_is_skipped_with_a_note() {
    let dir = project(&[("src/signup.ts", SIGNUP_TS)]);
    mkfifo(&dir.path().join("src/pipe.ts"));
    let run = run_with_deadline(&dir, &["check", "--no-color", "src"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("src/pipe.ts") && run.stderr.contains("not a regular file"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("Checked 1 file"), "{}", run.stdout);
}

#[test]
fn a_dangling_link_on_the_command_line_exits_2() {
    let dir = project(&[]);
    std::os::unix::fs::symlink("gone.ts", dir.path().join("link.ts")).unwrap();
    let run = run_with_deadline(&dir, &["check", "link.ts"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("link.ts"), "{}", run.stderr);
}

#[test]
fn a_config_that_is_not_a_regular_file_exits_2_without_hanging() {
    let dir = project(&[("signup.ts", SIGNUP_TS)]);
    mkfifo(&dir.path().join("pipe.json"));
    fs::create_dir(dir.path().join("folder.json")).unwrap();
    for config in ["pipe.json", "folder.json"] {
        let run = run_with_deadline(&dir, &["check", "--config", config, "signup.ts"]);
        assert_eq!(run.code, Some(2), "{config}: {}", run.stderr);
        assert!(
            run.stderr.contains(config) && run.stderr.contains("not a regular file"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn a_discovered_config_that_is_not_a_regular_file_exits_2_without_hanging() {
    let dir = project(&[("app/signup.ts", SIGNUP_TS)]);
    mkfifo(&dir.path().join("app/cio-lint.json"));
    let run = run_with_deadline(&dir, &["check", "app"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("app/cio-lint.json") && run.stderr.contains("FIFO"),
        "{}",
        run.stderr
    );
}

#[test]
fn stdin_filename_still_reads_stdin() {
    let dir = project(&[]);
    cio(&dir)
        .args(["check", "--stdin-filename", "x.ts", "--fix"])
        .write_stdin(SIGNUP_TS)
        .assert()
        .code(0)
        .stdout(SIGNUP_FIXED);
}

#[test]
fn a_config_that_is_not_an_object_exits_2() {
    for text in ["[]", "null", "\"rules\"", ""] {
        let dir = project(&[("cio-lint.json", text), ("signup.ts", SIGNUP_TS)]);
        cio(&dir)
            .args(["check", "signup.ts"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("cio-lint.json"))
            .stderr(predicate::str::contains("the config must be a JSON object"));
    }
}

#[test]
fn a_config_with_a_utf8_bom_is_read() {
    let dir = project(&[
        (
            "cio-lint.json",
            "\u{feff}{ \"rules\": { \"millisecond-timestamp\": \"off\" } }\n",
        ),
        ("signup.ts", SIGNUP_TS),
    ]);
    cio(&dir)
        .args(["check", "--format", "json", "signup.ts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"diagnostics\": []"));
    // Errors after a BOM still point at the right line and column.
    let dir = project(&[
        ("cio-lint.json", "\u{feff}{\n  \"rulez\": {}\n}\n"),
        ("signup.ts", SIGNUP_TS),
    ]);
    cio(&dir)
        .args(["check", "signup.ts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cio-lint.json:2:"))
        .stderr(predicate::str::contains("unknown field `rulez`"));
}

#[test]
fn a_config_with_too_many_ignore_globs_names_the_field() {
    let globs: Vec<String> = (0..10_000)
        .map(|i| format!("dir{i}/**/*.{{ts,js}}"))
        .collect();
    let config = serde_json::json!({ "ignore": globs }).to_string();
    let dir = project(&[("big.json", &config), ("signup.ts", SIGNUP_TS)]);
    let run = run_with_deadline(&dir, &["check", "--config", "big.json", "signup.ts"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("big.json:1:2") && run.stderr.contains("`ignore`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("10000"), "{}", run.stderr);
}

#[test]
fn a_gigantic_glob_is_named_and_shortened() {
    let glob = format!("src/{}", "?".repeat(300_000));
    let config = serde_json::json!({ "ignore": ["dist/**", glob] }).to_string();
    let dir = project(&[("cio-lint.json", &config), ("signup.ts", SIGNUP_TS)]);
    let run = run_with_deadline(&dir, &["check", "signup.ts"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let column = config.find("src/?").unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("cio-lint.json:1:{column}"))
            && run.stderr.contains("`src/????"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 2_000, "the glob is not quoted whole");
}

#[test]
fn an_oversized_config_file_exits_2_with_the_limit() {
    let padding = " ".repeat(2 * 1024 * 1024);
    let config = format!("{{{padding}}}");
    let dir = project(&[("cio-lint.json", &config), ("signup.ts", SIGNUP_TS)]);
    cio(&dir)
        .args(["check", "signup.ts"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cio-lint.json"))
        .stderr(predicate::str::contains("over the limit"));
}

/// The help names no document a user does not have (it once sent them to a design
/// document that is not shipped), and every file it does name is in the repository.
#[test]
fn help_stands_alone() {
    let dir = project(&[]);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for args in [&["check", "--help"][..], &["--help"], &["check", "-h"]] {
        let output = cio(&dir).args(args).output().unwrap();
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Usage:"), "{help}");
        assert!(!help.contains("DESIGN"), "{help}");
        for word in help.split(|c: char| c.is_whitespace() || "()`,;:'\"".contains(c)) {
            let word = word.trim_end_matches('.');
            if word.ends_with(".md") || word.ends_with(".schema.json") {
                assert!(
                    !word.contains("..") && root.join(word).is_file(),
                    "`{}` names {word}, which is not in the repository",
                    args.join(" ")
                );
            }
        }
    }
}

/// A file under 1 KiB whose fixed text is over it: with `ulimit -f 1` (1 KiB in
/// bash), the backup of the original can be written but not the fixed text.
fn just_under_a_kib() -> String {
    let mut text = String::from(
        "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.S!, process.env.K!);
export async function f(user: {id: string, email: string}) {
",
    );
    while text.len() < 1024 - 100 {
        text.push_str(
            "  await cio.identify(user.id, { email: user.email, created_at: Date.now() });\n",
        );
    }
    text.push_str("}\n");
    text
}

#[test]
fn a_fix_that_cannot_be_written_leaves_the_file_as_it_was() {
    let original = just_under_a_kib();
    assert!(original.len() < 1024);
    let dir = project(&[("one.ts", &original), ("linked.ts", &original)]);
    fs::hard_link(dir.path().join("linked.ts"), dir.path().join("other.ts")).unwrap();
    for (name, how) in [
        ("one.ts", "File too large"),
        ("linked.ts", "its original text was written back"),
    ] {
        // SIGXFSZ ignored (it stays ignored across exec): the write fails with EFBIG.
        let out = StdCommand::new("bash")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" check --fix --no-color \"$1\"")
            .arg(assert_cmd::cargo::cargo_bin("cio-lint"))
            .arg(name)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains(&format!("cannot write the fixes to {name}: ")) && stderr.contains(how),
            "{stderr}"
        );
        assert!(stderr.contains("it is left unchanged"), "{stderr}");
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), original);
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("other.ts")).unwrap(),
        original
    );
    assert_eq!(
        fs::metadata(dir.path().join("other.ts")).unwrap().nlink(),
        2
    );
    // No temporary file or backup is left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
}

/// A short TSX text (from the fuzzer) on which tree-sitter's error recovery ran for
/// about nine minutes: the parse is given up within its budget, and `check` says the
/// file was not checked, next to a file it checks as usual (whose error finding decides
/// the exit code, 1; alone, the garbled file exits 2).
#[test]
fn a_text_the_parser_gives_up_on_is_an_error_not_a_hang() {
    let garbled = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/parser-gives-up.tsx"),
    )
    .unwrap();
    let dir = project(&[
        ("src/garbled.tsx", &garbled),
        (
            "src/signup.ts",
            "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.S!, process.env.K!);\ncio.identify('1', { created_at: Date.now() });\n",
        ),
    ]);
    let alone = run_with_deadline(&dir, &["check", "src/garbled.tsx"]);
    assert_eq!(alone.code, Some(2), "{}", alone.stderr);
    let run = run_with_deadline(&dir, &["check", "--format", "json", "src"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("cannot check src/garbled.tsx: the parser gave up after 2 s"),
        "{}",
        run.stderr
    );
    let report = json_of(run.stdout.as_bytes());
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d["rule"] == "millisecond-timestamp"),
        "{report:#}"
    );
    assert!(
        diagnostics.iter().all(|d| d["path"] == "src/signup.ts"),
        "{report:#}"
    );
}

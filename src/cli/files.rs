//! Which files `check` reads: walking folders, filtering by extension and size, and
//! naming files the way reports show them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::config::{Config, ConfigError, ConfigStore};
use crate::engine::{is_campaign_path, FileKind};

/// The files to check, and what the walk had to say about the rest.
#[derive(Debug, Default)]
pub(crate) struct Discovery {
    /// Sorted, without duplicates.
    pub files: Vec<PathBuf>,
    /// Files skipped on purpose (too big, not TS/JS): printed unless `--quiet`.
    pub notes: Vec<String>,
    /// Folders or files the walk could not read: always printed, and they make the run
    /// exit with 2 when nothing else decides it.
    pub errors: Vec<String>,
    /// Broken config files: the run stops with exit 2 before checking anything.
    pub config_errors: Vec<ConfigError>,
    /// Files named on the command line that `--force-exclude` left out.
    pub excluded: usize,
    /// A script the walk met and left out (the config's `ignore` globs, the size
    /// limit): what the workspace's files do not do is then not known.
    pub scripts_left_out: bool,
}

/// Where each file's config comes from: `--config FILE` for all, or the nearest
/// `cio-lint.json` up from each file.
pub(crate) enum Configs {
    Fixed(Arc<Config>),
    Discovered(ConfigStore),
}

impl Configs {
    pub(crate) fn for_file(&self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        static NONE: OnceLock<Arc<Config>> = OnceLock::new();
        match self {
            Configs::Fixed(c) => Ok(c.clone()),
            Configs::Discovered(store) => Ok(store
                .for_file(path)?
                .unwrap_or_else(|| NONE.get_or_init(|| Arc::new(Config::default())).clone())),
        }
    }
}

/// The paths among `paths` that do not exist.
pub(crate) fn missing(paths: &[PathBuf]) -> Vec<&Path> {
    paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .map(PathBuf::as_path)
        .collect()
}

/// Walks `paths` (which all exist). Folders are walked respecting .gitignore (inside a
/// git repository or not), .ignore and hidden-file rules; `node_modules` is never
/// entered. A file named on the command line is checked even when an ignore file
/// would skip it, as long as the engine knows its kind ([`FileKind`]): TS/JS, an email
/// template, or a campaign file. Inside folders, YAML and JSON files are read only
/// under a path that names campaigns or Customer.io ([`is_campaign_path`]): most are
/// configuration, lockfiles and fixtures.
pub(crate) fn discover(
    paths: &[PathBuf],
    configs: &Configs,
    max_file_size: Option<u64>,
    force_exclude: bool,
) -> Discovery {
    let mut out = Discovery::default();
    let Some((first, rest)) = paths.split_first() else {
        return out;
    };
    let mut builder = ignore::WalkBuilder::new(first);
    for p in rest {
        builder.add(p);
    }
    builder
        .require_git(false)
        .filter_entry(|e| e.depth() == 0 || e.file_name() != "node_modules");
    let mut seen = HashSet::new();
    for entry in builder.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                out.errors.push(format!(
                    "{err}: skipped; check its permissions, or add it to .ignore"
                ));
                continue;
            }
        };
        let path = entry.path();
        let explicit = entry.depth() == 0;
        let is_file = match entry.file_type() {
            Some(t) if t.is_file() => true,
            Some(t) if t.is_dir() => false,
            // A symlink named on the command line is followed; inside folders the walk
            // does not follow links.
            Some(t) if t.is_symlink() => {
                if !explicit {
                    continue;
                }
                match std::fs::metadata(path) {
                    Ok(m) if m.is_file() => true,
                    Ok(m) if m.is_dir() => false,
                    Ok(m) => {
                        out.errors.push(not_regular(path, m.file_type()));
                        continue;
                    }
                    Err(err) => {
                        out.errors.push(format!(
                            "cannot read {}: {err} (a link to a missing file?)",
                            display_path(path)
                        ));
                        continue;
                    }
                }
            }
            // A FIFO, socket or device: reading it could block forever or never end.
            // Named on the command line, it is an error; met in a folder, a note if
            // its name is one cio-lint would check.
            Some(t) => {
                let message = not_regular(path, t);
                if explicit {
                    out.errors.push(message);
                } else if FileKind::from_path(path).is_some() {
                    out.notes.push(format!("skipped: {message}"));
                }
                continue;
            }
            None => false,
        };
        if !is_file {
            continue;
        }
        let kind = FileKind::from_path(path);
        if kind.is_none() {
            if explicit {
                out.notes.push(format!(
                    "skipped {}: not a file cio-lint checks (TypeScript or JavaScript: .ts, .tsx, .js, .jsx, .mjs, .cjs, .mts, .cts, never .d.ts; email templates: .html, .htm, .liquid, .mjml, .hbs; campaigns: .yml, .yaml, .json; Expo app configs: app.json, app.config.json)",
                    display_path(path)
                ));
            }
            continue;
        }
        if kind == Some(FileKind::CAMPAIGN) && !explicit && !is_campaign_path(path) {
            continue;
        }
        let config = match configs.for_file(path) {
            Ok(c) => c,
            Err(err) => {
                if !out.config_errors.contains(&err) {
                    out.config_errors.push(err);
                }
                continue;
            }
        };
        // A file named on the command line is checked even when the config ignores it,
        // as with .gitignore, unless `--force-exclude`.
        if (!explicit || force_exclude) && config.ignores(path) {
            out.excluded += usize::from(explicit);
            out.scripts_left_out |= matches!(kind, Some(FileKind::Script(_)));
            continue;
        }
        let max_file_size = max_file_size.unwrap_or_else(|| config.max_file_size());
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(err) => {
                out.errors.push(format!(
                    "cannot read {}: {err}; check its permissions, or add it to .ignore",
                    display_path(path)
                ));
                continue;
            }
        };
        let size = meta.len();
        if size > max_file_size {
            out.scripts_left_out |= matches!(kind, Some(FileKind::Script(_)));
            out.notes.push(format!(
                "skipped {}: {size} bytes is over the size limit of {max_file_size} bytes (raise it with --max-file-size or `maxFileSize` in cio-lint.json)",
                display_path(path)
            ));
            continue;
        }
        // The first name of a file wins: a link and its target, or two hard links,
        // are one file, checked (and fixed) once.
        if seen.insert(file_id(path, &meta)) {
            out.files.push(path.to_path_buf());
        }
    }
    // Each key once: a display path allocates.
    out.files.sort_by_cached_key(|p| display_path(p));
    out
}

/// The message for `path`, of type `file_type`, that is not a regular file.
fn not_regular(path: &Path, file_type: std::fs::FileType) -> String {
    let kind = crate::regular::non_regular(file_type).unwrap_or("not a regular file");
    format!(
        "cannot check {}: it is {kind}, not a regular file (cio-lint reads files; to check a stream, pipe it in with --stdin-filename NAME)",
        display_path(path)
    )
}

/// What makes two names one file: its device and inode (a symlink and its target, or
/// two hard links, share them).
#[cfg(unix)]
type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(_path: &Path, meta: &std::fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// What makes two names one file: its canonical path (hard links stay two names).
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(not(unix))]
fn file_id(path: &Path, _meta: &std::fs::Metadata) -> FileId {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

/// The current folder, read once: `check` never changes it.
pub(crate) fn current_dir() -> &'static Path {
    static CWD: OnceLock<PathBuf> = OnceLock::new();
    CWD.get_or_init(|| crate::config::normalize(&std::env::current_dir().unwrap_or_default()))
}

/// `path` made absolute against the current folder, with `.` and `..` resolved
/// lexically (symlinks are not followed).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        crate::config::normalize(path)
    } else {
        crate::config::normalize(&current_dir().join(path))
    }
}

/// How reports name a file: relative to the current folder when under it (with `/`),
/// absolute otherwise.
pub(crate) fn display_path(path: &Path) -> String {
    let abs = absolute(path);
    match abs.strip_prefix(current_dir()) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        _ => abs.to_string_lossy().into_owned(),
    }
}

/// A file's text, or why it cannot be checked (with what to do about it).
pub(crate) fn read_source(path: &Path) -> Result<String, String> {
    let cannot_read = |err: std::io::Error| {
        format!(
            "cannot read {}: {err}; check its permissions, or add it to .ignore",
            display_path(path)
        )
    };
    // The walk kept regular files only, but the path may have been replaced since:
    // looked at again before opening, as opening a FIFO blocks.
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type()));
    }
    let bytes = std::fs::read(path).map_err(cannot_read)?;
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "skipped {}: not valid UTF-8 (invalid byte at offset {}); cio-lint reads UTF-8 only: re-encode the file as UTF-8, or add it to .ignore",
            display_path(path),
            err.utf8_error().valid_up_to()
        )
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(made.success());
    }

    /// Runs `f` on another thread, failing instead of hanging if it blocks.
    fn within_deadline<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(f()));
        receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("blocked")
    }

    #[test]
    fn read_source_refuses_a_fifo_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.ts");
        mkfifo(&fifo);
        let err = within_deadline(move || read_source(&fifo)).unwrap_err();
        assert!(
            err.contains("x.ts: it is a FIFO (named pipe), not a regular file"),
            "{err}"
        );
    }

    #[test]
    fn discover_reports_named_non_regular_files_and_notes_walked_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir(root.join("src")).unwrap();
        mkfifo(&root.join("x.ts"));
        mkfifo(&root.join("src/y.ts"));
        mkfifo(&root.join("src/log.pipe"));
        let found = within_deadline(move || {
            let configs = Configs::Fixed(Arc::new(Config::default()));
            discover(
                &[root.join("x.ts"), root.join("src")],
                &configs,
                None,
                false,
            )
        });
        assert!(found.files.is_empty(), "{:?}", found.files);
        assert!(
            matches!(&found.errors[..], [e] if e.contains("x.ts: it is a FIFO")),
            "{:?}",
            found.errors
        );
        // The walked FIFO named like a script gets a note; `log.pipe` is none of
        // cio-lint's business.
        assert!(
            matches!(&found.notes[..], [n] if n.starts_with("skipped: cannot check") && n.contains("y.ts")),
            "{:?}",
            found.notes
        );
    }

    #[test]
    fn a_link_its_target_and_a_hard_link_are_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ts");
        std::fs::write(&file, "").unwrap();
        std::os::unix::fs::symlink(&file, dir.path().join("link.ts")).unwrap();
        std::fs::hard_link(&file, dir.path().join("hard.ts")).unwrap();
        let configs = Configs::Fixed(Arc::new(Config::default()));
        let paths = ["link.ts", "a.ts", "hard.ts"].map(|n| dir.path().join(n));
        let found = discover(&paths, &configs, None, false);
        assert_eq!(found.files, [dir.path().join("link.ts")]);
        assert!(found.errors.is_empty(), "{:?}", found.errors);
    }
}

//! `--fix`, `--unsafe-fixes` and `--diff`: the fixed text (the engine's fix-all, in
//! rounds) written back, atomically or in place for a file with hard links, or shown as
//! a diff.

use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

/// Where `--fix` wrote a file's fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    /// The file written: the path checked, or the file it links to.
    pub target: PathBuf,
    /// The path checked was a symlink (named on the command line: the walk does not
    /// follow links), and `target` is where it points.
    pub through_link: bool,
    /// How many names the file has: more than one, and it was written in place.
    pub hard_links: u64,
}

impl Written {
    /// The line of the fix summary for this file (`display`: the path checked, as
    /// reports name it).
    pub(crate) fn describe(&self, display: &str) -> String {
        let target = super::files::display_path(&self.target);
        let mut line = if self.through_link {
            format!("wrote {target} (through the link {display})")
        } else {
            format!("wrote {display}")
        };
        if self.hard_links > 1 {
            line.push_str(&format!(
                " in place, keeping its {} hard links",
                self.hard_links
            ));
        }
        line
    }
}

/// Why the fixes of a file were not written, and what state it is in.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file holds its original text.
    Unchanged(std::io::Error),
    /// Writing in place failed, and so did writing the original text back: the file
    /// may be incomplete, and its original text is in `backup`.
    Damaged {
        error: std::io::Error,
        backup: PathBuf,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Unchanged(err) => write!(f, "{err}; it is left unchanged"),
            WriteError::Damaged { error, backup } => write!(
                f,
                "{error}, and writing its original text back failed too: it may be incomplete; its original text is saved in {}",
                backup.display()
            ),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(err: std::io::Error) -> Self {
        WriteError::Unchanged(err)
    }
}

/// Writes `text`, the complete fixed text of the file at `path` whose content was
/// `original` when it was read, to that file:
/// - through a symlink to the file it points at (the link itself stays);
/// - a file with one name is replaced atomically ([`replace_atomically`]);
/// - a file with other hard links is rewritten in place ([`write_in_place`]), as
///   replacing it would leave the other names with the old text.
///
/// A read-only file is not written (renaming over it would succeed): someone marked
/// it as not to be changed. A file whose content is no longer `original` (an editor
/// saved it meanwhile) is not written either: its fixes were computed for the old text.
pub(crate) fn write_fixes(path: &Path, original: &str, text: &str) -> Result<Written, WriteError> {
    let through_link = std::fs::symlink_metadata(path)?.file_type().is_symlink();
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only (make it writable to let --fix change it)",
        )
        .into());
    }
    if std::fs::read(&target)? != original.as_bytes() {
        return Err(std::io::Error::other(
            "it changed on disk while it was checked (run --fix again)",
        )
        .into());
    }
    let hard_links = hard_links(&meta);
    if hard_links > 1 {
        write_in_place(&target, original, text)?;
    } else {
        replace_atomically(&target, meta.permissions(), text)?;
    }
    Ok(Written {
        target,
        through_link,
        hard_links,
    })
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

/// Elsewhere std cannot count a file's names: treated as one.
#[cfg(not(unix))]
fn hard_links(_meta: &std::fs::Metadata) -> u64 {
    1
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replaces `path`'s content with `text` atomically: a temporary file in the same
/// folder, given the original's permissions, renamed over it. Readers see the old
/// file or the new one, never half of it.
fn replace_atomically(
    path: &Path,
    permissions: std::fs::Permissions,
    text: &str,
) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".cio-lint-")
        .suffix(".tmp")
        .tempfile_in(folder_of(path))?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Rewrites `path` in place (truncate, write, sync), keeping its inode and so every
/// hard link to it. The trade-off against [`replace_atomically`] is atomicity: a
/// reader can see the file half-written, and a crash or a full disk in the middle
/// can leave it so. Hence: `text` is complete and validated before this starts; the
/// original is first saved to a backup file beside it (removed once the new text is
/// synced; after a crash it is still there); on a failed write the original is
/// written back from memory; only if that fails too is the backup kept and named.
fn write_in_place(path: &Path, original: &str, text: &str) -> Result<(), WriteError> {
    let mut backup = tempfile::Builder::new()
        .prefix(".cio-lint-")
        .suffix(".orig")
        .tempfile_in(folder_of(path))?;
    backup.write_all(original.as_bytes())?;
    backup.as_file().sync_all()?;
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    let put = |file: &mut std::fs::File, bytes: &[u8]| {
        file.rewind()?;
        file.set_len(0)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    let Err(error) = put(&mut file, text.as_bytes()) else {
        return Ok(());
    };
    if put(&mut file, original.as_bytes()).is_ok() {
        return Err(WriteError::Unchanged(std::io::Error::new(
            error.kind(),
            format!("{error} (while writing it in place; its original text was written back)"),
        )));
    }
    let backup = match backup.into_temp_path().keep() {
        Ok(path) => path,
        // Could not be disarmed: forgotten, so that it is not deleted on drop.
        Err(e) => {
            let path = e.path.to_path_buf();
            std::mem::forget(e.path);
            path
        }
    };
    Err(WriteError::Damaged { error, backup })
}

/// A unified diff of `before` → `after`, headed `a/NAME` and `b/NAME` (as `git diff`
/// and `patch -p1` expect; an absolute NAME keeps a single slash).
/// A unified diff colored as git colors one: headers bold, hunk lines cyan, removed
/// lines red, added lines green.
pub(crate) fn colored_diff(diff: &str) -> String {
    use anstyle::{AnsiColor, Effects, Style};
    let bold = Style::new().effects(Effects::BOLD);
    let mut out = String::with_capacity(diff.len() * 2);
    for line in diff.split_inclusive('\n') {
        let (body, eol) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let style = if body.starts_with("+++") || body.starts_with("---") {
            Some(bold)
        } else if body.starts_with("@@") {
            Some(AnsiColor::Cyan.on_default())
        } else if body.starts_with('+') {
            Some(AnsiColor::Green.on_default())
        } else if body.starts_with('-') {
            Some(AnsiColor::Red.on_default())
        } else {
            None
        };
        match style {
            Some(style) => out.push_str(&format!("{style}{body}{style:#}{eol}")),
            None => out.push_str(line),
        }
    }
    out
}

pub(crate) fn unified_diff(name: &str, before: &str, after: &str) -> String {
    let name = name.strip_prefix('/').unwrap_or(name);
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_names_get_one_slash_in_diff_headers() {
        let diff = unified_diff("/tmp/a.ts", "a\n", "b\n");
        assert!(
            diff.starts_with("--- a/tmp/a.ts\n+++ b/tmp/a.ts\n"),
            "{diff}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.ts");
        let link = dir.path().join("link.ts");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("real.ts", &link).unwrap();
        let written = write_fixes(&link, "old", "new").unwrap();
        assert_eq!(
            written,
            Written {
                target: std::fs::canonicalize(&target).unwrap(),
                through_link: true,
                hard_links: 1,
            }
        );
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert!(written
            .describe("link.ts")
            .ends_with(" (through the link link.ts)"));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_with_hard_links_is_written_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ts");
        let other = dir.path().join("b.ts");
        std::fs::write(&file, "a longer original text").unwrap();
        std::fs::hard_link(&file, &other).unwrap();
        let inode = std::fs::metadata(&file).unwrap().ino();
        let written = write_fixes(&file, "a longer original text", "short").unwrap();
        assert_eq!(written.hard_links, 2);
        assert_eq!(
            written.describe("a.ts"),
            "wrote a.ts in place, keeping its 2 hard links"
        );
        assert_eq!(std::fs::metadata(&file).unwrap().ino(), inode);
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "short");
        // The backup of the original is gone once the new text is written.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ts");
        std::fs::write(&file, "saved by an editor meanwhile").unwrap();
        let err = write_fixes(&file, "what was checked", "fixed").unwrap_err();
        assert!(matches!(err, WriteError::Unchanged(_)), "{err:?}");
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "saved by an editor meanwhile"
        );
    }
}

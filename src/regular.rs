//! Telling regular files from the rest before opening anything: opening a FIFO for
//! reading blocks until some writer comes (in CI, never), a device can be endless, and
//! a folder or a socket cannot be read as text. `check` and the server look at the
//! file type first and refuse the rest with a message that says what the path is.

use std::fs::FileType;

/// What a path of type `file_type` is, in words for a message, when it is not a
/// regular file; `None` for a regular file.
pub(crate) fn non_regular(file_type: FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    if file_type.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    Some("a special file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ts");
        std::fs::write(&file, "").unwrap();
        let kind =
            |p: &std::path::Path| non_regular(std::fs::symlink_metadata(p).unwrap().file_type());
        assert_eq!(kind(&file), None);
        assert_eq!(kind(dir.path()), Some("a folder"));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.ts");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(kind(&link), Some("a symbolic link"));
            assert_eq!(
                kind(std::path::Path::new("/dev/null")),
                Some("a character device")
            );
            let fifo = dir.path().join("fifo.ts");
            let made = std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap();
            assert!(made.success());
            assert_eq!(kind(&fifo), Some("a FIFO (named pipe)"));
        }
    }
}

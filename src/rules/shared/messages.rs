//! How findings' messages name what they point at: a call by its callee, a place by
//! its line.

use crate::sdk::{unwrap_expression, SdkCall};
use crate::syntax::NodeExt;

/// `cio.track` for a call: its receiver path and method name.
pub(crate) fn callee_name(src: &str, call: &SdkCall<'_>) -> String {
    call.node
        .field("function")
        .map(unwrap_expression)
        .and_then(|f| f.field("property"))
        .map(|p| format!("{}.{}", call.receiver_key, &src[p.byte_range()]))
        .unwrap_or_else(|| call.receiver_key.clone())
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    src[..offset].matches('\n').count() + 1
}

/// How a message names the file `to` from the file `from`: relative to `from`'s folder
/// (`../lib/billing.ts`, `billing.ts`), with `/` whatever the platform, so that the
/// same finding reads the same in `check` and in the editor.
pub(crate) fn path_from(from: &std::path::Path, to: &std::path::Path) -> String {
    use std::path::Component;
    // Lexically absolute (`check` names files as the command line does, `./src/a.ts`).
    let absolute = |p: &std::path::Path| -> Vec<std::ffi::OsString> {
        let joined = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out: Vec<std::ffi::OsString> = Vec::new();
        for c in joined.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    if out.len() > 1 {
                        out.pop();
                    }
                }
                other => out.push(other.as_os_str().to_os_string()),
            }
        }
        out
    };
    let Some(dir) = from.parent() else {
        return to.display().to_string();
    };
    let dir = absolute(dir);
    let target = absolute(to);
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    // Nothing in common but the root: the absolute path says it better.
    if common <= 1 && dir.len() > 1 {
        return to.display().to_string();
    }
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), dir.len() - common).collect();
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::path_from;
    use std::path::Path;

    #[test]
    fn other_files_are_named_from_the_folder_of_the_finding() {
        let at = |from: &str, to: &str| path_from(Path::new(from), Path::new(to));
        assert_eq!(
            at("/p/src/billing/a.ts", "/p/src/signup/b.ts"),
            "../signup/b.ts"
        );
        assert_eq!(at("/p/src/a.ts", "/p/src/b.ts"), "b.ts");
        assert_eq!(at("/p/src/a.ts", "/p/src/lib/b.ts"), "lib/b.ts");
        assert_eq!(at("/p/a.ts", "/q/b.ts"), "/q/b.ts");
        let here = std::env::current_dir().unwrap();
        let other = here.join("src/lib/b.ts");
        assert_eq!(
            at("./src/routes/../routes/a.ts", other.to_str().unwrap()),
            "../lib/b.ts"
        );
    }
}

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

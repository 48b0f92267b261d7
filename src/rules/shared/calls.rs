//! A Customer.io call as its statement sees it: whether the call is all the statement
//! does, and the handler the promise rules append to it.

use tree_sitter::Node;

use crate::sdk::unwrap_expression;
use crate::syntax::NodeExt;

/// Whether `node` is the whole of its statement's work: `cio.track(…);`,
/// `await cio.track(…);`, `const r = await cio.track(…);`, `return cio.track(…)`.
pub(crate) fn is_statement_call(statement: Node<'_>, call: Node<'_>) -> bool {
    let expr = match statement.kind() {
        "expression_statement" | "return_statement" => statement.named_child(0),
        "lexical_declaration" | "variable_declaration" if statement.named_child_count() == 1 => {
            statement.named_child(0).and_then(|d| d.field("value"))
        }
        _ => None,
    };
    let Some(mut expr) = expr else {
        return false;
    };
    loop {
        expr = unwrap_expression(expr);
        if expr.kind() == "await_expression" {
            match expr.named_child(0) {
                Some(inner) => expr = inner,
                None => return false,
            }
        } else {
            return expr.id() == call.id();
        }
    }
}

/// `.catch((err) => console.error('Customer.io error:', err))` in the file's quote: what
/// the promise rules append to a Track/App API call.
pub(crate) fn catch_handler(quote: char) -> String {
    format!(".catch((err) => console.error({quote}Customer.io error:{quote}, err))")
}

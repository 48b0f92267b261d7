//! The framing in front of tower-lsp: stdin is read here, and only well-formed JSON-RPC
//! messages reach tower-lsp.
//!
//! tower-lsp-server 0.23 ends its read loop on the first message it cannot decode (its
//! `FramedRead` yields `None` after an error), so one malformed message from a client
//! or a proxy would silently end the session. Here a frame whose body is not a JSON-RPC
//! message is replaced by a request for [`INVALID_MESSAGE_METHOD`], whose handler
//! answers with the JSON-RPC error the client is owed (`-32700` parse error or `-32600`
//! invalid request, with the original id when there was one) and logs it. A frame with
//! broken headers is skipped up to the next `Content-Length`.
//!
//! Logs here name a message's method and size, never its body nor header bytes: bodies
//! carry document text, and a frame out of step makes body text look like headers.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};
use tower_lsp_server::jsonrpc::{Request, Response};

/// The method of the stand-in request for an undecodable message.
pub(crate) const INVALID_MESSAGE_METHOD: &str = "cio-lint/invalidMessage";

/// Headers longer than this without their blank line are garbage, not headers.
const MAX_HEADER_LEN: usize = 8 * 1024;

/// What the stand-in request carries: the error to answer with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct InvalidMessage {
    pub code: i64,
    pub message: String,
}

/// The reader tower-lsp serves from, and the task that fills it from `input` (stdin).
pub(crate) fn sanitized(
    input: impl AsyncRead + Unpin + Send + 'static,
) -> (DuplexStream, impl std::future::Future<Output = ()> + Send) {
    let (server_side, ours) = tokio::io::duplex(64 * 1024);
    (server_side, pump(input, ours))
}

async fn pump(mut input: impl AsyncRead + Unpin, mut output: DuplexStream) {
    let mut framer = Framer::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) => {
                tracing::error!("cannot read stdin: {err}");
                break;
            }
        };
        framer.extend(&chunk[..n]);
        while let Some(frame) = framer.next_frame() {
            if output.write_all(&frame).await.is_err() {
                return;
            }
        }
    }
    // Dropping `output` ends tower-lsp's input: the same as the client closing stdin.
}

/// Splits a byte stream into LSP frames and re-frames each one for tower-lsp.
#[derive(Default)]
pub(crate) struct Framer {
    buffer: Vec<u8>,
    /// The body length of the frame whose headers were read.
    body_len: Option<usize>,
}

impl Framer {
    pub(crate) fn extend(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete frame, re-encoded (`Content-Length` only), with a stand-in
    /// request in place of a body that is not a JSON-RPC message.
    pub(crate) fn next_frame(&mut self) -> Option<Vec<u8>> {
        loop {
            let Some(len) = self.body_len else {
                self.read_headers()?;
                continue;
            };
            if self.buffer.len() < len {
                return None;
            }
            let body: Vec<u8> = self.buffer.drain(..len).collect();
            self.body_len = None;
            if body.is_empty() {
                tracing::warn!("ignored a message with an empty body");
                continue;
            }
            let body = match check_message(&body) {
                Ok(method) => {
                    tracing::trace!(
                        method = method.as_deref().unwrap_or("(response)"),
                        bytes = body.len(),
                        "message received"
                    );
                    body
                }
                Err(stand_in) => stand_in,
            };
            let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
            frame.extend_from_slice(&body);
            return Some(frame);
        }
    }

    /// Consumes one header block; `None` when more bytes are needed.
    fn read_headers(&mut self) -> Option<()> {
        let Some(end) = memchr::memmem::find(&self.buffer, b"\r\n\r\n") else {
            if self.buffer.len() > MAX_HEADER_LEN {
                tracing::warn!(
                    "skipped {} bytes that are not an LSP header",
                    self.buffer.len()
                );
                self.skip_to_next_header(1);
            }
            return None;
        };
        let headers = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
        let mut content_length = None;
        for line in headers.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse::<usize>().ok();
            }
        }
        match content_length {
            Some(len) => {
                self.buffer.drain(..end + 4);
                self.body_len = Some(len);
            }
            None => {
                tracing::warn!(
                    header_bytes = end,
                    "skipped a message without a valid Content-Length header"
                );
                self.skip_to_next_header(end + 4);
            }
        }
        Some(())
    }

    /// Drops bytes up to the next `Content-Length` at or after `from`.
    fn skip_to_next_header(&mut self, from: usize) {
        let from = from.min(self.buffer.len());
        let next = memchr::memmem::find(&self.buffer[from..], b"Content-Length")
            .map_or(self.buffer.len(), |i| from + i);
        self.buffer.drain(..next);
    }
}

/// `Ok` with its method (`None` for a response) when tower-lsp can decode `body`;
/// otherwise the stand-in request's body.
fn check_message(body: &[u8]) -> Result<Option<String>, Vec<u8>> {
    let (code, message, id) = match serde_json::from_slice::<Value>(body) {
        Err(err) => (
            -32700,
            format!("the message is not JSON ({err}); it was ignored"),
            Value::Null,
        ),
        Ok(value) => {
            if let Ok(request) = Request::deserialize(&value) {
                return Ok(Some(request.method().to_string()));
            }
            if Response::deserialize(&value).is_ok() {
                return Ok(None);
            }
            let id = match value.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_)))
                    if id.is_string() || id.is_i64() =>
                {
                    id.clone()
                }
                _ => Value::Null,
            };
            (
                -32600,
                "the message is JSON but not a JSON-RPC 2.0 request, notification or response; it was ignored"
                    .to_string(),
                id,
            )
        }
    };
    tracing::warn!("{message}");
    let stand_in = serde_json::json!({
        "jsonrpc": "2.0",
        "method": INVALID_MESSAGE_METHOD,
        "id": id,
        "params": InvalidMessage { code, message },
    });
    Err(serde_json::to_vec(&stand_in).expect("a JSON value serializes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn frames(input: &[u8]) -> Vec<Value> {
        let mut framer = Framer::default();
        let mut out = Vec::new();
        // Byte by byte: framing must not depend on how reads split the stream.
        for b in input {
            framer.extend(std::slice::from_ref(b));
            while let Some(f) = framer.next_frame() {
                let text = String::from_utf8(f).unwrap();
                let (head, body) = text.split_once("\r\n\r\n").unwrap();
                assert_eq!(head, format!("Content-Length: {}", body.len()));
                out.push(serde_json::from_str(body).unwrap());
            }
        }
        out
    }

    #[test]
    fn well_formed_messages_pass_through() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut input = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".to_vec();
        input.extend(frame(body));
        assert_eq!(
            frames(&input),
            vec![serde_json::from_str::<Value>(body).unwrap()]
        );
    }

    #[test]
    fn malformed_bodies_become_stand_in_requests() {
        let mut input = frame("{not json");
        input.extend(frame(r#"{"id":7,"method":5}"#));
        input.extend(frame(
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        ));
        let out = frames(&input);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0]["method"], INVALID_MESSAGE_METHOD);
        assert_eq!(out[0]["id"], Value::Null);
        assert_eq!(out[0]["params"]["code"], -32700);
        assert_eq!(out[1]["id"], 7);
        assert_eq!(out[1]["params"]["code"], -32600);
        assert_eq!(out[2]["method"], "initialized");
    }

    #[test]
    fn garbage_headers_are_skipped() {
        let mut input = b"garbage\r\n\r\n".to_vec();
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        let out = frames(&input);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["method"], "exit");
    }
}

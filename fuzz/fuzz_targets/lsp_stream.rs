//! Arbitrary bytes as a JSON-RPC stream into the language server, in-process.
//!
//! The stream starts with a well-formed `initialize` and `initialized` so that the
//! bytes after them reach document handling; then come the fuzzer's bytes, then the end
//! of input. The server must end (no hang: libFuzzer's timeout) without a panic in any
//! task (libFuzzer's panic hook aborts on every panic, caught or not).
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use tokio::io::AsyncWriteExt;

fn frame(body: &str) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    let mut stream = frame(
        r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]},"textDocument":{"publishDiagnostics":{"versionSupport":true,"dataSupport":true}}}}}"#,
    );
    stream.extend(frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#));
    stream.extend_from_slice(data);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (mut client, server_input) = tokio::io::duplex(1 << 20);
        let writer = tokio::spawn(async move {
            let _ = client.write_all(&stream).await;
            // Dropping the client's end is the end of input.
        });
        cio_lint::lsp::serve_on(server_input, tokio::io::sink()).await;
        let _ = writer.await;
    });
    runtime.shutdown_timeout(Duration::from_secs(5));
});

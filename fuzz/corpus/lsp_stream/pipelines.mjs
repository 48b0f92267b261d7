Content-Length: 576

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/pipelines.mjs", "languageId": "javascript", "version": 1, "text": "// Data Pipelines on the server: anonymousId is a top-level key of the identify.\nimport { Analytics } from '@customerio/cdp-analytics-node';\n\nconst analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });\n\nexport function linkVisitor(user, anonymous_id) {\n  analytics.identify({ userId: user.id, traits: { email: user.email } });\n  //                 ^ anonymous-id-not-merged\n}\n"}}}Content-Length: 253

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/pipelines.mjs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 165

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/pipelines.mjs"}, "position": {"line": 3, "character": 10}}}Content-Length: 246

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/pipelines.mjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 282

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/pipelines.mjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 117

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/pipelines.mjs"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
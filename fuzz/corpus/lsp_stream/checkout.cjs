Content-Length: 697

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/checkout.cjs", "languageId": "javascript", "version": 1, "text": "// A worker that converts guest checkouts into accounts.\nconst { TrackClient } = require('customerio-node');\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);\n\nasync function convertGuest(job) {\n  const { guest, account } = job.data;\n  const anonymousId = guest.cookieId;\n  const attributes = { email: account.email, plan: 'free' };\n  //                 ^ anonymous-id-not-merged\n  await cio.identify(account.id, attributes);\n}\n\nmodule.exports = { convertGuest };\n"}}}Content-Length: 252

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/checkout.cjs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 164

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/checkout.cjs"}, "position": {"line": 3, "character": 10}}}Content-Length: 245

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/checkout.cjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 281

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/checkout.cjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 116

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/checkout.cjs"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
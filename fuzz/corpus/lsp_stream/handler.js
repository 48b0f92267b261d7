Content-Length: 575

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/handler.js", "languageId": "javascript", "version": 1, "text": "// A serverless (req, res) handler written without semicolons.\nimport { TrackClient } from 'customerio-node'\n\nconst customerio = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_TRACK_KEY)\n\nexport default async function handler(req, res) {\n  const { userId, plan } = req.body\n  await customerio.identify(userId, { plan })\n//^ blocking-analytics-call\n  res.status(200).json({ ok: true })\n}\n"}}}Content-Length: 250

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/handler.js", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 162

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/handler.js"}, "position": {"line": 3, "character": 10}}}Content-Length: 243

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/handler.js"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 279

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/handler.js"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 114

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/handler.js"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
Content-Length: 796

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/handlers-without-blocking.ts", "languageId": "typescript", "version": 1, "text": "// Handlers that do not wait on Customer.io.\nimport express from 'express';\nimport { TrackClient } from 'customerio-node';\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);\nconst app = express();\n\napp.post('/login', (req, res) => {\n  cio.track(req.body.userId, { name: 'logged_in' }).catch((err) => console.error('Customer.io error:', err));\n  res.sendStatus(204);\n});\n\napp.post('/profile', async (req, res) => {\n  setImmediate(async () => {\n    await cio.identify(req.body.userId, { plan: req.body.plan });\n  });\n  res.sendStatus(202);\n});\n"}}}Content-Length: 268

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/handlers-without-blocking.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 180

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/handlers-without-blocking.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 261

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/handlers-without-blocking.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 297

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/handlers-without-blocking.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 132

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/handlers-without-blocking.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
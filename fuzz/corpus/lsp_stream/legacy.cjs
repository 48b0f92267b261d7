Content-Length: 791

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/legacy.cjs", "languageId": "javascript", "version": 1, "text": "// A nested callback and a function that uses the client in place.\nconst { TrackClient } = require('customerio-node');\n\nfunction register(router) {\n  router.post('/track', (req, res) => {\n    const sent = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY)\n    //           ^ client-per-request\n      .track(req.user.id, { name: 'clicked' });\n    sent.catch(() => {});\n    res.end();\n  });\n}\n\nfunction tenantClient(tenant) {\n  return () => new TrackClient(tenant.siteId, tenant.apiKey);\n  //           ^ client-per-request\n}\n\nmodule.exports = { register, tenantClient };\n"}}}Content-Length: 250

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/legacy.cjs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 162

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/legacy.cjs"}, "position": {"line": 3, "character": 10}}}Content-Length: 243

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/legacy.cjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 279

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/legacy.cjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 114

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/legacy.cjs"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
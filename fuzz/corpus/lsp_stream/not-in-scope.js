Content-Length: 929

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/not-in-scope.js", "languageId": "javascript", "version": 1, "text": "// No anonymous id in scope, or one that is not an object literal / has a spread.\nimport { TrackClient } from 'customerio-node';\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);\nconst anonymousId = 'module-level-value';\n\nexport async function updatePlan(user) {\n  await cio.identify(user.id, { plan: user.plan });\n}\n\nexport async function signup(user, anonId, extra) {\n  await cio.identify(user.id, extra);\n  await cio.identify(user.id, { ...extra, email: user.email });\n  await cio.trackAnonymous(anonId, { name: 'signup_started' });\n}\n\nexport async function later(user) {\n  await cio.identify(user.id, { email: user.email });\n  const anonId = user.previousCookie;\n  return anonId;\n}\n"}}}Content-Length: 255

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/not-in-scope.js", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 167

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/not-in-scope.js"}, "position": {"line": 3, "character": 10}}}Content-Length: 248

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/not-in-scope.js"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 284

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/not-in-scope.js"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 119

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/not-in-scope.js"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
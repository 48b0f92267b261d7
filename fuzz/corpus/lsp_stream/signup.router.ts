Content-Length: 784

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/signup.router.ts", "languageId": "typescript", "version": 1, "text": "// Express: a client per request. Its arguments are module-level, so it can be hoisted.\nimport express from 'express';\nimport { TrackClient, RegionUS } from 'customerio-node';\nimport { createUser } from './users';\n\nconst app = express();\n\napp.post('/signup', async (req, res) => {\n  const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!, {\n  //          ^ client-per-request\n    region: RegionUS,\n  });\n  const user = await createUser(req.body);\n  await cio.identify(user.id, { email: user.email });\n  res.sendStatus(201);\n});\n\nexport default app;\n"}}}Content-Length: 256

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/signup.router.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 168

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/signup.router.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 249

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/signup.router.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 285

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/signup.router.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 120

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/signup.router.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
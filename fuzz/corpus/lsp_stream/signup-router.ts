Content-Length: 1317

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/signup-router.ts", "languageId": "typescript", "version": 1, "text": "// Express router: the signup waits on Customer.io before it answers.\nimport express from 'express';\nimport { TrackClient, APIClient, SendEmailRequest, RegionUS } from 'customerio-node';\nimport { createUser } from '../users';\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!, {\n  region: RegionUS,\n});\nconst api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!, { region: RegionUS });\n\nexport const router = express.Router();\n\nrouter.post('/signup', async (req, res) => {\n  const user = await createUser(req.body.email, req.body.password);\n  await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });\n//^ blocking-analytics-call\n  res.status(201).json({ id: user.id });\n});\n\nrouter.post('/password-reset', async (req, res) => {\n  const request = new SendEmailRequest({\n    to: req.body.email,\n    transactional_message_id: 'password_reset',\n    identifiers: { email: req.body.email },\n  });\n  const sent = await api.sendEmail(request);\n  //           ^ blocking-analytics-call\n  res.json({ delivery: sent.delivery_id });\n});\n"}}}Content-Length: 256

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/signup-router.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 168

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/signup-router.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 249

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/signup-router.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 285

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/signup-router.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 120

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/signup-router.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
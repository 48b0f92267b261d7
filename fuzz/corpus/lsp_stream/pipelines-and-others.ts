Content-Length: 971

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/pipelines-and-others.ts", "languageId": "typescript", "version": 1, "text": "// Data Pipelines queues its calls; Segment and PostHog are not Customer.io.\nimport express from 'express';\nimport { Analytics } from '@customerio/cdp-analytics-node';\nimport { Analytics as Segment } from '@segment/analytics-node';\nimport { PostHog } from 'posthog-node';\n\nconst cioPipelines = new Analytics({ writeKey: process.env.CIO_WRITE_KEY! });\nconst segment = new Segment({ writeKey: process.env.SEGMENT_WRITE_KEY! });\nconst posthog = new PostHog(process.env.POSTHOG_KEY!);\nconst router = express.Router();\n\nrouter.post('/signup', async (req, res) => {\n  await cioPipelines.identify({ userId: req.body.id, traits: { email: req.body.email } });\n  await segment.track({ userId: req.body.id, event: 'Signed Up' });\n  await posthog.shutdown();\n  res.sendStatus(201);\n});\n"}}}Content-Length: 263

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/pipelines-and-others.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 175

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/pipelines-and-others.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 256

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/pipelines-and-others.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 292

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/pipelines-and-others.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 127

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/pipelines-and-others.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
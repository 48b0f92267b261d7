Content-Length: 888

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/email-worker.ts", "languageId": "typescript", "version": 1, "text": "// BullMQ worker: awaiting here is the point, the job retries on failure.\nimport { Worker } from 'bullmq';\nimport { APIClient, SendEmailRequest } from 'customerio-node';\nimport { TrackClient } from 'customerio-node';\n\nconst api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!);\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);\n\nexport const worker = new Worker('emails', async (job) => {\n  await cio.identify(job.data.userId, { email: job.data.email });\n  await api.sendEmail(\n    new SendEmailRequest({\n      to: job.data.email,\n      transactional_message_id: job.data.template,\n      identifiers: { id: job.data.userId },\n    }),\n  );\n});\n"}}}Content-Length: 255

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/email-worker.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 167

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/email-worker.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 248

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/email-worker.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 284

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/email-worker.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 119

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/email-worker.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
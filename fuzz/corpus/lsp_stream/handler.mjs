Content-Length: 688

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/handler.mjs", "languageId": "javascript", "version": 1, "text": "// A Lambda handler: every invocation builds a Data Pipelines client and loses its batching.\nimport { Analytics } from '@customerio/cdp-analytics-node';\n\nconst WRITE_KEY = process.env.CUSTOMERIO_WRITE_KEY;\n\nexport const handler = async (event) => {\n  const analytics = new Analytics({ writeKey: WRITE_KEY });\n  //                ^ client-per-request\n  for (const record of event.Records) {\n    analytics.track({ userId: record.userId, event: 'record_processed' });\n  }\n  await analytics.closeAndFlush();\n};\n"}}}Content-Length: 251

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/handler.mjs", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 163

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/handler.mjs"}, "position": {"line": 3, "character": 10}}}Content-Length: 244

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/handler.mjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 280

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/handler.mjs"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 115

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/handler.mjs"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
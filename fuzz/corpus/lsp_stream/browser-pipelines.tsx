Content-Length: 763

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/browser-pipelines.tsx", "languageId": "typescript", "version": 1, "text": "// Data Pipelines in the browser (AnalyticsBrowser); Dates are fine here.\n'use client';\n\nimport { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';\nimport { useEffect } from 'react';\n\nexport const analytics = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_CUSTOMERIO_WRITE_KEY! });\n\nexport function TrackPageView({ path }: { path: string }) {\n  useEffect(() => {\n    analytics.page(undefined, path, { viewed_at: new Date().toISOString() });\n    analytics.track('article_opened', { path }, { timestamp: new Date() });\n  }, [path]);\n  return null;\n}\n"}}}Content-Length: 261

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/browser-pipelines.tsx", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 173

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/browser-pipelines.tsx"}, "position": {"line": 3, "character": 10}}}Content-Length: 254

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/browser-pipelines.tsx"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 290

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/browser-pipelines.tsx"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 125

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/browser-pipelines.tsx"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
Content-Length: 772

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/browser.tsx", "languageId": "typescript", "version": 1, "text": "// In the browser, the snippet and cioanalytics send the anonymous id themselves.\nimport { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';\n\nconst cioanalytics = AnalyticsBrowser.load({ writeKey: 'write-key-placeholder' });\n\nexport function SignupForm({ anonymousId }: { anonymousId: string }) {\n  const onSubmit = (user: { id: string; email: string }) => {\n    cioanalytics.identify(user.id, { email: user.email });\n    window._cio.identify({ id: user.id, email: user.email });\n  };\n  return <form onSubmit={() => onSubmit({ id: '1', email: 'a' })} data-anon={anonymousId} />;\n}\n"}}}Content-Length: 251

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/browser.tsx", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 163

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/browser.tsx"}, "position": {"line": 3, "character": 10}}}Content-Length: 244

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/browser.tsx"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 280

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/browser.tsx"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 115

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/browser.tsx"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
Content-Length: 708

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/route.ts", "languageId": "typescript", "version": 1, "text": "// Next.js route handler (app/api/checkout/route.ts).\nimport { NextResponse } from 'next/server';\nimport { cio } from '@/lib/customerio';\nimport { placeOrder } from '@/lib/orders';\n\nexport async function POST(request: Request) {\n  const { userId, cart } = await request.json();\n  const order = await placeOrder(userId, cart);\n\n  await cio.track(userId, {\n//^ blocking-analytics-call\n    name: 'order_completed',\n    data: { order_id: order.id, total: order.total },\n  });\n\n  return NextResponse.json({ orderId: order.id });\n}\n"}}}Content-Length: 248

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/route.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 160

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/route.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 241

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/route.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 277

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/route.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 112

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/route.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
Content-Length: 867

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/fastify-plugin.js", "languageId": "javascript", "version": 1, "text": "// Fastify route; the call already has a .catch, the await still holds the reply.\nconst { TrackClient, RegionEU } = require(\"customerio-node\");\n\nconst cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {\n  region: RegionEU,\n});\n\nmodule.exports = async function routes(fastify) {\n  fastify.post(\"/invites/:code/accept\", async (request, reply) => {\n    const invite = await fastify.db.invites.accept(request.params.code);\n    await cio.track(invite.userId, { name: \"invite_accepted\", data: { team_id: invite.teamId } }).catch((err) => request.log.warn(err));\n  //^ blocking-analytics-call\n    return reply.code(204).send();\n  });\n};\n"}}}Content-Length: 257

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/fastify-plugin.js", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 169

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/fastify-plugin.js"}, "position": {"line": 3, "character": 10}}}Content-Length: 250

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/fastify-plugin.js"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 286

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/fastify-plugin.js"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 121

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/fastify-plugin.js"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
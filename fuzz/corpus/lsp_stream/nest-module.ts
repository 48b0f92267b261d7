Content-Length: 922

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///w/nest-module.ts", "languageId": "typescript", "version": 1, "text": "// A NestJS factory provider and an onModuleInit hook run once.\nimport { Module, OnModuleInit } from '@nestjs/common';\nimport { ConfigService } from '@nestjs/config';\nimport { TrackClient } from 'customerio-node';\n\nexport const CIO = Symbol('CIO');\n\n@Module({\n  providers: [\n    {\n      provide: CIO,\n      inject: [ConfigService],\n      useFactory: (config: ConfigService) =>\n        new TrackClient(config.getOrThrow('CUSTOMERIO_SITE_ID'), config.getOrThrow('CUSTOMERIO_TRACK_API_KEY')),\n    },\n  ],\n  exports: [CIO],\n})\nexport class CustomerIoModule implements OnModuleInit {\n  onModuleInit() {\n    const probe = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);\n    void probe;\n  }\n}\n"}}}Content-Length: 254

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/nest-module.ts", "version": 2}, "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}}, "text": "x{"}]}}Content-Length: 166

{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///w/nest-module.ts"}, "position": {"line": 3, "character": 10}}}Content-Length: 247

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/nest-module.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": []}}}Content-Length: 283

{"jsonrpc": "2.0", "id": 3, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///w/nest-module.ts"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll.cio-lint"]}}}Content-Length: 118

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///w/nest-module.ts"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 4, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}
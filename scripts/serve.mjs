// serve.mjs: serves the repository on 127.0.0.1 for the demo page in www/ (`make serve`), with
// the same static server as the browser tests. The page loads the pkg/ build, so build first.
//
//   node scripts/serve.mjs [port]   default port 8080; 0 picks a free one

import { existsSync } from 'node:fs';
import { startStaticServer } from '../tests/browser/static-server.mjs';

const port = Number(process.argv[2] ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: the port must be a number from 0 to 65535, not ${JSON.stringify(process.argv[2])}`);
  process.exit(2);
}
if (!existsSync(new URL('../pkg/wasm/voucherify_sync_bg.wasm', import.meta.url))) {
  console.error('serve: pkg/wasm/ is not built yet; run `make build` first (`make serve` does)');
  process.exit(1);
}
try {
  const { url } = await startStaticServer({ port });
  console.log(`demo page: ${url}www/ (Ctrl-C stops)`);
} catch (error) {
  const why = error.code === 'EADDRINUSE' ? `port ${port} is in use; pass another, e.g. make serve SERVE_PORT=8081` : error.message;
  console.error(`serve: ${why}`);
  process.exit(1);
}

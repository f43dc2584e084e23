# The page and the CSV worker as two entries, then the wasm where both look for it (wasm/ beside them).
npx esbuild main.js node_modules/voucherify-sync/csv-worker.js --bundle --format=esm --outdir=dist --entry-names=[name]
mkdir -p dist/wasm
cp node_modules/voucherify-sync/wasm/voucherify_sync_bg.wasm dist/wasm/

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundleFiles } from './scripts/size.mjs';
const files = bundleFiles(process.argv[2]);
let total = 0;
for (const f of files) { const b = readFileSync(new URL(f, new URL('./pkg/', import.meta.url))); const g = gzipSync(b, { level: 9 }).length; total += g; if (f.endsWith('.wasm')) console.log(f, b.length, g); }
console.log(process.argv[2], 'total gzip', total);

import { readFileSync } from 'node:fs';
const buf = readFileSync(process.argv[2]);
let p = 8;
const u = () => { let r = 0, s = 0, b; do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
let imports = 0, bodies = [], names = new Map(), dataSize = 0;
while (p < buf.length) {
  const id = buf[p++]; const size = u(); const start = p;
  if (id === 2) { const n = u(); for (let i = 0; i < n; i++) { let l = u(); p += l; l = u(); p += l; const k = buf[p++]; if (k === 0) { u(); imports++; } else if (k === 1) { p++; const f = buf[p++]; u(); if (f & 1) u(); } else if (k === 2) { const f = buf[p++]; u(); if (f & 1) u(); } else { p += 2; } } }
  if (id === 10) { const n = u(); for (let i = 0; i < n; i++) { const l = u(); bodies.push(l); p += l; } }
  if (id === 11) dataSize = size;
  if (id === 0) { const l = u(); const name = buf.slice(p, p + l).toString(); p += l; if (name === 'name') { while (p < start + size) { const sid = buf[p++]; const ss = u(); const se = p + ss; if (sid === 1) { const n = u(); for (let i = 0; i < n; i++) { const idx = u(); const nl = u(); names.set(idx, buf.slice(p, p + nl).toString()); p += nl; } } p = se; } } }
  p = start + size;
}
const rows = bodies.map((s, i) => [s, names.get(i + imports) || `f${i + imports}`]);
const filter = process.argv[3] ? new RegExp(process.argv[3]) : null;
let sum = 0; for (const [s, n] of rows) if (!filter || filter.test(n)) sum += s;
console.log('data', dataSize, 'code', bodies.reduce((a, b) => a + b, 0), 'matching', sum);
rows.filter(([, n]) => !filter || filter.test(n)).sort((a, b) => b[0] - a[0]).slice(0, 40).forEach(([s, n]) => console.log(s, n.slice(0, 150)));

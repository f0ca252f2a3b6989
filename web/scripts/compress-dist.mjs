// After `vite build`: a .br and a .gz beside every text asset (and the scanner's wasm) of web/dist, so the server
// (@fastify/static with preCompressed) sends compressed files without compressing per request.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
// wasm compresses well too (the QR reader: 1.1 MB → about 360 KB)
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map|wasm)$/;
let files = 0;
let before = 0;
let after = 0;
for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = fs.readFileSync(file);
  if (body.length < 1024) continue;
  const brotli = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  files += 1;
  before += body.length;
  after += brotli.length;
}
process.stdout.write(`compressed ${files} files: ${Math.round(before / 1024)} KiB → ${Math.round(after / 1024)} KiB (brotli)\n`);

// Draws the app's icons (a teal disc with a white ring, the brand mark) as PNG files in web/public/.
// Plain node: zlib for the image data, a CRC for the chunks. Run: node web/scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const out = path.join(import.meta.dirname, '..', 'public');
const TEAL = [11, 85, 96];
const LIGHT = [127, 208, 214];
const WHITE = [255, 255, 255];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** maskable: the mark stays inside the safe zone (80 %) on a full teal square. */
function icon(size, { maskable = false } = {}) {
  const rows = [];
  const centre = size / 2;
  const scale = maskable ? 0.62 : 1;
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) {
      const r = Math.hypot(x + 0.5 - centre, y + 0.5 - centre) / (size / 2) / scale;
      let colour = TEAL;
      let alpha = 255;
      if (r < 0.3) colour = WHITE;
      else if (r < 0.42) colour = LIGHT;
      else if (r < 0.5) colour = WHITE;
      else if (!maskable && r > 0.98) alpha = 0;
      row.set([...colour, alpha], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'icon-192.png'), icon(192));
fs.writeFileSync(path.join(out, 'icon-512.png'), icon(512));
fs.writeFileSync(path.join(out, 'icon-maskable-512.png'), icon(512, { maskable: true }));
fs.writeFileSync(path.join(out, 'apple-touch-icon.png'), icon(180, { maskable: true }));
console.log(`icons written to ${out}`);

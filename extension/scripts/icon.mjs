// Draws media/icon.png (128x128, RGBA) with no asset from elsewhere: a rounded Azure-blue square, an anvil (the
// foundry) and a spark in Claude's orange. Run: node scripts/icon.mjs (the PNG is committed; a test checks its size).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * size + x) * 4;
  pixels[i] = r; pixels[i + 1] = g; pixels[i + 2] = b; pixels[i + 3] = a;
};
const inRoundedSquare = (x, y, r) => {
  const cx = Math.min(Math.max(x, r), size - 1 - r), cy = Math.min(Math.max(y, r), size - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const anvil = (x, y) =>
  (y >= 58 && y < 72 && x >= 24 && x < 104 && !(x < 44 && y >= 66 && (x - 24) < (y - 66) * 3)) || // face and horn
  (y >= 72 && y < 86 && x >= 48 && x < 84) || // waist
  (y >= 86 && y < 98 && x >= 36 && x < 96); // foot
const spark = (x, y) => {
  const dx = Math.abs(x - 84), dy = Math.abs(y - 34);
  return dx + dy <= 16 && (dx <= 3 || dy <= 3 || Math.abs(dx - dy) <= 2);
};
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    if (!inRoundedSquare(x, y, 22)) set(x, y, [0, 0, 0, 0]);
    else if (spark(x, y)) set(x, y, [217, 119, 87]);
    else if (anvil(x, y)) set(x, y, [245, 247, 250]);
    else set(x, y, [0, 90 + Math.round((y / size) * 30), 180 - Math.round((y / size) * 40)]);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const rows = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)])));
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
const out = fileURLToPath(new URL('../media/icon.png', import.meta.url));
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);

// Reads a .vsix (a zip): its entry names and any entry's bytes, with node's zlib only.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export function openVsix(file) {
  const zip = readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file}: not a zip`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = zip.readUInt16LE(at + 10), size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28), extra = zip.readUInt16LE(at + 30), comment = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16, local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, { method, size, local, mode });
    at += 46 + nameLength + extra + comment;
  }
  return {
    names: [...entries.keys()],
    size: zip.length,
    mode: (name) => entries.get(name)?.mode,
    read(name) {
      const e = entries.get(name);
      if (!e) throw new Error(`${file}: no ${name}`);
      const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
      const data = zip.subarray(start, start + e.size); // the central directory's size: vsce writes 0 in local headers
      return e.method === 0 ? Buffer.from(data) : inflateRawSync(data);
    },
  };
}

// PHI Guard's toolbar icon, drawn at build time (a shield with a check mark) so the repository
// holds no binary files. Writes RGBA PNGs.

import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shape in unit coordinates (0..1), sampled 4x4 per pixel for smooth edges.
function insideShield(u, v) {
  if (v < 0.08 || v > 0.94) return false;
  const half = v < 0.55 ? 0.4 : 0.4 * Math.sqrt(Math.max(0, 1 - ((v - 0.55) / 0.39) ** 2));
  return Math.abs(u - 0.5) <= half;
}

function onCheck(u, v) {
  const distance = (ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((u - ax) * (bx - ax) + (v - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(u - (ax + t * (bx - ax)), v - (ay + t * (by - ay)));
  };
  return Math.min(distance(0.32, 0.5, 0.45, 0.64), distance(0.45, 0.64, 0.7, 0.36)) < 0.065;
}

export function drawIcon(size) {
  return encodePng(size, (x, y) => {
    let shield = 0;
    let check = 0;
    for (let i = 0; i < 4; i += 1) {
      for (let j = 0; j < 4; j += 1) {
        const u = (x + (i + 0.5) / 4) / size;
        const v = (y + (j + 0.5) / 4) / size;
        if (insideShield(u, v)) {
          shield += 1;
          if (onCheck(u, v)) check += 1;
        }
      }
    }
    const c = check / 16;
    // #0b62c4 blended with white for the check mark
    return [Math.round(11 + (255 - 11) * c / (shield / 16 || 1)), Math.round(98 + (255 - 98) * c / (shield / 16 || 1)), Math.round(196 + (255 - 196) * c / (shield / 16 || 1)), Math.round((shield / 16) * 255)];
  });
}

export function writeIcons(dir, sizes = [16, 32, 48, 128]) {
  for (const size of sizes) writeFileSync(`${dir}/icon-${size}.png`, drawIcon(size));
}

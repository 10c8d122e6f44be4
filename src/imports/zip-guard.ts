import { createInflateRaw } from 'node:zlib';
import { BadRequestError } from '../http/errors.js';
import { type Localized, say } from '../i18n/index.js';
import { IMP } from './messages.js';
import { ImportLimitError, limitMessages } from './limits.js';

/** One file of a zip archive, as its central directory declares it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

const unreadable = (why: Localized) => new BadRequestError(say(IMP.zipUnreadable, { why }));

/**
 * Reads the central directory at the end of the archive: names and declared sizes, without
 * expanding anything. This is what lets a zip bomb be refused in microseconds.
 */
export function readCentralDirectory(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw unreadable(say(IMP.zipNoDirectory));
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  // ZIP64 markers: an XLSX under the upload limit never needs them.
  if (count === 0xffff || offset === 0xffffffff) throw unreadable(say(IMP.zip64));
  if (count > MAX_ENTRIES) throw unreadable(say(IMP.zipEntries, { count }));
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw unreadable(say(IMP.zipDamagedDirectory));
    const nameLen = buf.readUInt16LE(p + 28);
    const entry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    };
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) throw unreadable(say(IMP.zip64));
    entries.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Refuses an archive whose declared expanded size is over the limit. */
export function checkDeclaredSizes(entries: ZipEntry[], maxExpandedBytes: number): void {
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxExpandedBytes) throw new ImportLimitError(limitMessages.expanded(declared, maxExpandedBytes), 'expanded');
}

function entryData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw unreadable(say(IMP.zipDamagedEntry, { name: e.name }));
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Declared sizes can lie. Inflates every entry and throws away the output, counting bytes,
 * and stops as soon as an entry exceeds what it declared or the total exceeds the limit.
 * zlib runs on libuv's thread pool, so the event loop stays free meanwhile.
 */
export async function verifyExpandedSizes(buf: Buffer, entries: ZipEntry[], maxExpandedBytes: number): Promise<void> {
  let total = 0;
  for (const e of entries) {
    if (e.method === 0) { total += e.compressedSize; continue; }
    if (e.method !== 8) throw unreadable(say(IMP.zipCompression, { name: e.name }));
    const data = entryData(buf, e);
    await new Promise<void>((resolve, reject) => {
      let size = 0;
      const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
      inflate.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > e.uncompressedSize) {
          inflate.destroy();
          reject(new ImportLimitError(limitMessages.lying(), 'expanded'));
        } else if (total + size > maxExpandedBytes) {
          inflate.destroy();
          reject(new ImportLimitError(limitMessages.expanded(total + size, maxExpandedBytes), 'expanded'));
        }
      });
      inflate.on('end', () => { total += size; resolve(); });
      inflate.on('error', (err) => reject(unreadable(say(IMP.zipInflate, { name: e.name, why: err.message }))));
      inflate.end(data);
    });
  }
}

// A small disk of our own that a test can fill: an 8 MB tmpfs, mounted before the file's
// other hooks run and unmounted after. Mounting needs root: elsewhere `mounted` is false and
// the tests that need it are skipped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { tempDir } from './server.ts';

export const canMount = process.getuid?.() === 0;

/** Declares the mount's hooks (declare it before a server that lives on it); returns its path. */
export function useSmallDisk(prefix: string): string {
  const mountPoint = tempDir(prefix);
  beforeAll(() => {
    if (canMount) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint]);
  });
  afterAll(() => {
    if (canMount) execFileSync('umount', ['-l', mountPoint]);
  });
  return mountPoint;
}

/** Fills the disk with one file until it refuses more. */
export function fill(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
}

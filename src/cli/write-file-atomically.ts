import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes `text` to `path` through a new file in the same folder, renamed over it: a
 * reader, or a run that fails half way, sees the old file or the new one, never part of
 * one. A file that exists keeps its permissions, and a symbolic link its target.
 */
export function writeFileAtomically(path: string, text: string): void {
  const target = existsSync(path) ? realpathSync(path) : path;
  const mode = existsSync(target) ? statSync(target).mode & 0o777 : undefined;
  // Short and fixed in length, so that a name near the system's limit still has room beside it.
  const temporary = join(dirname(target), `.privnet-${randomBytes(6).toString("hex")}.tmp`);
  const fd = openSync(temporary, "wx", 0o666);
  try {
    try {
      if (mode !== undefined) fchmodSync(fd, mode);
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

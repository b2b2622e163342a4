import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** A file of the project by its path from the project folder, found upwards from here (the same from `src/` and `dist/src/`). */
export function projectFile(relative: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) throw new Error(`${relative} not found above ${__dirname}`);
  }
}

/** The project folder: the one holding package.json above this module. */
export function projectRoot(): string {
  return projectFile("package.json").slice(0, -"package.json".length - 1);
}

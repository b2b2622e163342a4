import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/synth";

const ROOT = join(__dirname, "..", "..");
const GATE = join(ROOT, "src", "build", "build-if-stale.cjs");

/** A project of one source file, built with the project's own TypeScript. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "a.ts"), "export const a: number = 1;\n");
  writeFileSync(join(dir, "tsconfig.json"), "{}\n");
  writeFileSync(
    join(dir, "tsconfig.build.json"),
    JSON.stringify({ compilerOptions: { module: "commonjs", strict: true, rootDir: ".", outDir: "dist", incremental: true, tsBuildInfoFile: "dist/.tsbuildinfo-build" }, include: ["src/**/*.ts"] }),
  );
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const gate = (dir: string) => spawnSync(process.execPath, [GATE], { cwd: dir, encoding: "utf8" });
const later = (path: string) => utimesSync(path, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));

describe("the build cdktf.json runs before the app", () => {
  it("builds when a source is newer than the last good build, skips it otherwise, and keeps failing a failed build", { timeout: 60_000 }, () => {
    const dir = project();
    const output = join(dir, "dist", "src", "a.js");
    expect(gate(dir).status).toBe(0);
    expect(existsSync(output)).toBe(true);

    // Nothing changed: no build, so no compiler is needed at all.
    rmSync(join(dir, "node_modules"));
    mkdirSync(join(dir, "node_modules"));
    expect(gate(dir).status).toBe(0);
    rmSync(join(dir, "node_modules"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));

    writeFileSync(join(dir, "src", "a.ts"), "export const a: number = 2;\n");
    later(join(dir, "src", "a.ts"));
    expect(gate(dir).status).toBe(0);
    expect(readFileSync(output, "utf8")).toContain("exports.a = 2;");

    const stamp = statSync(join(dir, "dist", ".build-stamp")).mtimeMs;
    writeFileSync(join(dir, "src", "a.ts"), 'export const a: number = "one";\n');
    later(join(dir, "src", "a.ts"));
    const failed = gate(dir);
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toContain("Type 'string' is not assignable to type 'number'");
    expect(statSync(join(dir, "dist", ".build-stamp")).mtimeMs).toBe(stamp);
    expect(gate(dir).status).not.toBe(0);
  });
});

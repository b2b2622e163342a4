import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/synth";

const ROOT = join(__dirname, "..", "..");
const GATE = join(ROOT, "src", "build", "build-if-stale.cjs");

/** A project of two source files, built with the project's own TypeScript. */
function project(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "main.ts"), 'import { a } from "./a";\nexport const main = a;\n');
  writeFileSync(join(dir, "src", "a.ts"), "export const a: number = 1;\n");
  writeFileSync(join(dir, "tsconfig.json"), "{}\n");
  writeFileSync(
    join(dir, "tsconfig.build.json"),
    JSON.stringify({ compilerOptions: { module: "commonjs", strict: true, types: [], skipLibCheck: true, rootDir: ".", outDir: "dist", incremental: true, tsBuildInfoFile: "dist/.tsbuildinfo-build" }, include: ["src/**/*.ts"] }),
  );
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "junction");
  return dir;
}

const gate = (dir: string) => spawnSync(process.execPath, [GATE], { cwd: dir, encoding: "utf8" });

/** Runs the gate where no compiler can be found: it passes only if it does not build. */
function gateWithoutCompiler(dir: string) {
  rmSync(join(dir, "node_modules"));
  mkdirSync(join(dir, "node_modules"));
  try {
    return gate(dir);
  } finally {
    rmSync(join(dir, "node_modules"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "junction");
  }
}

describe("the build cdktf.json runs before the app", () => {
  it("builds only when an input differs from the last good build, whatever its time, and keeps failing a failed build", () => {
    const dir = project();
    const a = join(dir, "src", "a.ts");
    const output = join(dir, "dist", "src", "a.js");
    expect(gate(dir).status).toBe(0);
    expect(readFileSync(output, "utf8")).toContain("exports.a = 1;");
    expect(gateWithoutCompiler(dir).status).toBe(0);

    // An edit restored with an older time than the last build is still an edit, and a build output gone
    // (tsc -b --clean) is one too; the build that follows compares content and starts over.
    writeFileSync(a, "export const a: number = 2;\n");
    utimesSync(a, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(gateWithoutCompiler(dir).status).not.toBe(0);
    rmSync(join(dir, "dist", "src", "main.js"));
    expect(gate(dir).status).toBe(0);
    expect(readFileSync(output, "utf8")).toContain("exports.a = 2;");
    expect(existsSync(join(dir, "dist", "src", "main.js"))).toBe(true);

    // A source added is noticed; taken away again, the inputs are those of the last build.
    writeFileSync(join(dir, "src", "extra.ts"), "export const extra = 1;\n");
    expect(gateWithoutCompiler(dir).status).not.toBe(0);
    rmSync(join(dir, "src", "extra.ts"));
    expect(gateWithoutCompiler(dir).status).toBe(0);

    // A failed build records nothing, so the next run builds again.
    writeFileSync(a, 'export const a: number = "one";\n');
    const failed = gate(dir);
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toContain("Type 'string' is not assignable to type 'number'");
    expect(gateWithoutCompiler(dir).status).not.toBe(0);
  });
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomically } from "../../src/cli/write-file-atomically";
import { tempDir } from "../support/synth";

describe("writing a file atomically", () => {
  it("writes a new file, or replaces one whole", () => {
    const dir = tempDir();
    writeFileAtomically(join(dir, "a.json"), "one\n");
    writeFileAtomically(join(dir, "a.json"), "two\n");
    expect(readFileSync(join(dir, "a.json"), "utf8")).toBe("two\n");
    expect(readdirSync(dir)).toEqual(["a.json"]);
  });

  it("removes what it wrote when the last step fails, and leaves the target as it was", () => {
    const dir = tempDir();
    const target = join(dir, "taken");
    mkdirSync(target);
    writeFileSync(join(target, "inside"), "kept");
    expect(() => writeFileAtomically(target, "new\n")).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(["taken"]);
    expect(readFileSync(join(target, "inside"), "utf8")).toBe("kept");
  });
});

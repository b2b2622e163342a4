import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deepMerge } from "../../src/config/json-object";
import { capture, runConfigCommand } from "../support/commands";
import { tempDir } from "../support/synth";

/** Runs the merge as if npm were started in `cwd` (default: the project folder `dir`). */
function merge(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd: string = dir) {
  const stdout = capture();
  const stderr = capture();
  const code = runConfigCommand(args, { cwd, projectDir: dir, env, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const SNIPPET = '{ "state": { "bucket": "privnet-tfstate-20261201abcd" } }';

describe("npm run config -- merge", () => {
  it("creates privnet.json with the settings and a $schema editors can follow", () => {
    const dir = tempDir();
    const result = merge(dir, ["merge", SNIPPET]);
    expect(result.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "privnet.json"), "utf8"));
    expect(written.state).toEqual({ bucket: "privnet-tfstate-20261201abcd" });
    expect(written.$schema).toMatch(/docs\/config\.schema\.json$/);
    expect(existsSync(join(dir, written.$schema))).toBe(true);
    expect(result.stdout).toContain(`export PRIVNET_CONFIG=${join(dir, "privnet.json")}`);
  });

  it("merges into the file PRIVNET_CONFIG names, keeping every setting already there", () => {
    const dir = tempDir();
    const file = join(dir, "lab.json");
    writeFileSync(file, JSON.stringify({ tags: { CostCenter: "lab" }, state: { keyPrefix: "lab/" }, peering: { operator: { cidr: "203.0.113.10" } } }));
    expect(merge(dir, ["merge", SNIPPET], { PRIVNET_CONFIG: "lab.json" }).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      tags: { CostCenter: "lab" },
      state: { keyPrefix: "lab/", bucket: "privnet-tfstate-20261201abcd" },
      peering: { operator: { cidr: "203.0.113.10" } },
    });
  });

  it("writes nothing when the result would be refused by synth, and names the key, the value and the rule", () => {
    const dir = tempDir();
    const file = join(dir, "privnet.json");
    writeFileSync(file, '{ "tags": { "CostCenter": "lab" } }\n');
    const result = merge(dir, ["merge", '{ "state": { "bucket": "Not_A_Bucket" } }']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('state.bucket = "Not_A_Bucket"');
    expect(result.stderr).toContain("Nothing was written");
    expect(readFileSync(file, "utf8")).toBe('{ "tags": { "CostCenter": "lab" } }\n');
  });

  it("refuses a typo in a key, listing the keys known there", () => {
    const result = merge(tempDir(), ["merge", '{ "state": { "buckt": "privnet-tfstate-x" } }']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("state.buckt");
    expect(result.stderr).toContain("known here: bucket, keyPrefix, region");
  });

  it.each([
    [["merge"], "usage: npm run config -- merge"],
    [["set", SNIPPET], "usage: npm run config -- merge"],
    [["merge", "{ state: 1 }"], "not valid JSON"],
    [["merge", "[1, 2]"], "must be a JSON object"],
    [["merge", SNIPPET, "--into", "x.json"], "config: Unknown option '--into'; run it with --help for its usage"],
    [["merge", SNIPPET, "--file"], "config: Option '--file <value>' argument missing; run it with --help for its usage"],
    [["merge", SNIPPET, "x.json"], "config: merge takes one JSON object, not 2; usage"],
    [["use-state-bucket", "x.json"], "config: use-state-bucket takes no argument but --file, not x.json; usage"],
  ])("cannot run with %j", (args, message) => {
    const result = merge(tempDir(), args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("will not merge into a file that is not a JSON object", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "privnet.json"), "{ not json");
    const result = merge(dir, ["merge", SNIPPET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/privnet\.json": must contain valid JSON/);
  });

  it("reads a relative PRIVNET_CONFIG from the project folder, as synth does, and a relative --file from where npm was started", () => {
    const project = tempDir();
    const elsewhere = tempDir();
    expect(merge(project, ["merge", SNIPPET], { PRIVNET_CONFIG: "lab.json" }, elsewhere).code).toBe(0);
    expect(existsSync(join(project, "lab.json"))).toBe(true);
    expect(merge(project, ["merge", SNIPPET, "--file", "mine.json"], {}, elsewhere).code).toBe(0);
    expect(existsSync(join(elsewhere, "mine.json"))).toBe(true);
    expect(existsSync(join(project, "mine.json"))).toBe(false);
  });

  it("merges objects key by key and replaces lists whole, as the loader reads them", () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({ a: { b: 1, c: [3] }, d: 1, e: 2 });
  });

  it("refuses an unknown option before it reads or writes anything", () => {
    const dir = tempDir();
    const result = merge(dir, ["merge", SNIPPET, "--force"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining("config: Unknown option '--force'")]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("says in one line that a missing folder must be created, and creates nothing", () => {
    const dir = tempDir();
    const result = merge(dir, ["merge", SNIPPET, "--file", "nowhere/privnet.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`cannot write ${join(dir, "nowhere/privnet.json")}: the folder ${join(dir, "nowhere")} does not exist; create it (mkdir -p ${join(dir, "nowhere")}) or name a file in an existing folder with --file\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("says in one line that a read-only file must be made writable, and leaves it as it was", () => {
    const dir = tempDir();
    const file = join(dir, "privnet.json");
    writeFileSync(file, '{ "tags": { "CostCenter": "lab" } }\n');
    chmodSync(file, 0o444);
    const result = merge(dir, ["merge", SNIPPET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`cannot write ${file}: the file is read-only; make it writable (chmod u+w ${file}) or name another file with --file\n`);
    expect(readFileSync(file, "utf8")).toBe('{ "tags": { "CostCenter": "lab" } }\n');
    expect(readdirSync(dir)).toEqual(["privnet.json"]);
  });

  it("says in one line when the system refuses the write, and leaves no file behind", () => {
    const dir = tempDir();
    const name = `${"n".repeat(300)}.json`;
    const result = merge(dir, ["merge", SNIPPET, "--file", name]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`cannot write ${join(dir, name)} (ENAMETOOLONG), and nothing was written: check that its folder is writable and has room, or name another file with --file\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reads the file as synth does: a byte-order mark is read, a key given twice or a byte that is not UTF-8 refused", () => {
    const dir = tempDir();
    const file = join(dir, "privnet.json");
    writeFileSync(file, '\uFEFF{ "tags": { "CostCenter": "lab" } }');
    expect(merge(dir, ["merge", SNIPPET]).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).tags).toEqual({ CostCenter: "lab" });

    writeFileSync(file, '{ "tags": { "CostCenter": "lab", "CostCenter": "net" } }');
    const twice = merge(dir, ["merge", SNIPPET]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("tags.CostCenter = given twice on line 1: is a key given twice in one object");
    writeFileSync(file, Buffer.from([...Buffer.from('{ "tags": { "x": "caf'), 0xe9, ...Buffer.from('" } }')]));
    const latin1 = merge(dir, ["merge", SNIPPET], { PRIVNET_CONFIG: file });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain(`PRIVNET_CONFIG = "${file}": must be UTF-8 text, and byte 21 (0xE9, line 1) is not UTF-8`);
    expect(latin1.stderr).toContain("Nothing was written");
  });

  it("refuses settings to merge that break the file's rules, such as a key given twice", () => {
    const result = merge(tempDir(), ["merge", '{ "state": { "bucket": "a-bucket", "bucket": "b-bucket" } }']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("state.bucket = given twice on line 1: is a key given twice in one object");
  });

  it("replaces the file through a rename, keeping its permissions and a symbolic link to it, and leaves nothing else behind", () => {
    const dir = tempDir();
    const real = join(dir, "real.json");
    writeFileSync(real, '{ "tags": { "CostCenter": "lab" } }');
    chmodSync(real, 0o600);
    symlinkSync(real, join(dir, "privnet.json"));
    expect(merge(dir, ["merge", SNIPPET]).code).toBe(0);
    expect(statSync(join(dir, "privnet.json")).isFile()).toBe(true);
    expect(JSON.parse(readFileSync(real, "utf8")).state.bucket).toBe("privnet-tfstate-20261201abcd");
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(["privnet.json", "real.json"]);
  });
});

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runConfigMerge } from "../../src/cli/config-merge";
import { deepMerge } from "../../src/config/json-object";
import { capture } from "../support/commands";
import { tempDir } from "../support/synth";

/** Runs the merge as if npm were started in `cwd` (default: the project folder `dir`). */
function merge(dir: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd: string = dir) {
  const stdout = capture();
  const stderr = capture();
  const code = runConfigMerge(args, { cwd, projectDir: dir, env, stdout: stdout.stream, stderr: stderr.stream });
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
    [["merge", SNIPPET, "--into", "x.json"], "only --file <path> may follow"],
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
    expect(result.stderr).toContain("privnet.json is not valid JSON");
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
});

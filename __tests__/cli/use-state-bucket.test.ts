import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capture, runConfigCommand } from "../support/commands";
import { tempDir } from "../support/synth";

function useStateBucket(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = runConfigCommand(["use-state-bucket", ...args], { cwd: dir, projectDir: dir, env, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** What `terraform apply` leaves in the state stack's local state, reduced to its outputs. */
function writeState(dir: string, project: string, outputs: Record<string, unknown>): void {
  const state = { version: 4, terraform_version: "1.11.4", serial: 3, lineage: "x", outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: "string" }])), resources: [] };
  writeFileSync(join(dir, `terraform.${project}.state.tfstate`), JSON.stringify(state, null, 2));
}

describe("npm run config -- use-state-bucket", () => {
  it("writes the state stack's bucket-name output into the configuration, through the merge", () => {
    const dir = tempDir();
    writeState(dir, "privnet", { "bucket-name": "privnet-tfstate-20261201abcd", "config-snippet": '{ "state": { "bucket": "privnet-tfstate-20261201abcd" } }' });
    const result = useStateBucket(dir);
    expect(result.code, result.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, "privnet.json"), "utf8"));
    expect(written.state).toEqual({ bucket: "privnet-tfstate-20261201abcd" });
    expect(written.$schema).toMatch(/config\.schema\.json$/);
    expect(result.stdout).toContain(`state.bucket = "privnet-tfstate-20261201abcd", the bucket-name output in ${join(dir, "terraform.privnet.state.tfstate")}`);
  });

  it("finds the state file by the project the configuration file sets, and keeps the file's other keys", () => {
    const dir = tempDir();
    const file = join(dir, "lab.json");
    writeFileSync(file, JSON.stringify({ project: "lab", tags: { CostCenter: "lab" } }));
    writeState(dir, "lab", { "bucket-name": "lab-tfstate-20261201abcd" });
    expect(useStateBucket(dir, ["--file", "lab.json"]).code).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ project: "lab", tags: { CostCenter: "lab" }, state: { bucket: "lab-tfstate-20261201abcd" } });
  });

  it("says to deploy the state stack first when it has no state yet, and writes nothing", () => {
    const dir = tempDir();
    const result = useStateBucket(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`there is no ${join(dir, "terraform.privnet.state.tfstate")} (the state stack's state for project privnet): deploy the state stack first: npm run deploy -- state\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("says to deploy the state stack when its state has no bucket-name output, and writes nothing", () => {
    const dir = tempDir();
    writeState(dir, "privnet", {});
    const result = useStateBucket(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${join(dir, "terraform.privnet.state.tfstate")} has no bucket-name output: deploy the state stack first: npm run deploy -- state\n`);
    expect(existsSync(join(dir, "privnet.json"))).toBe(false);
  });

  it("says in one line that a state file is not Terraform state", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "terraform.privnet.state.tfstate"), "{ truncated");
    const result = useStateBucket(dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/terraform\.privnet\.state\.tfstate is not Terraform state, not being JSON \(.*\); deploy the state stack first/)]);
  });

  it("validates the name as any merge does, and writes nothing when synth would refuse it", () => {
    const dir = tempDir();
    writeState(dir, "privnet", { "bucket-name": "Not_A_Bucket" });
    const result = useStateBucket(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('state.bucket = "Not_A_Bucket": must be a valid S3 bucket name');
    expect(existsSync(join(dir, "privnet.json"))).toBe(false);
  });
});

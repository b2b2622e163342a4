import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_FILE_VARIABLE } from "../src/config/load";
import { runSynth } from "../src/cli/synth";
import { annotationsOf, appWith, tempDir } from "./support/synth";
import { STACK_NAMES } from "../src/topologies/registry";

function captureStderr() {
  const chunks: string[] = [];
  return { stream: { write: (text: string) => chunks.push(text) }, text: () => chunks.join("") };
}

describe("synth entry point", () => {
  it("writes cdktf.out/stacks/<name>/cdk.tf.json for every stack with the defaults, offline", () => {
    const outdir = join(tempDir(), "cdktf.out");
    const stderr = captureStderr();
    expect(runSynth({ env: {}, outdir, stderr: stderr.stream })).toBe(0);
    expect(stderr.text()).toBe("");
    for (const name of STACK_NAMES) {
      const file = join(outdir, "stacks", name, "cdk.tf.json");
      expect(existsSync(file), file).toBe(true);
      expect(JSON.parse(readFileSync(file, "utf8"))["//"].metadata.stackName).toBe(name);
    }
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual([...STACK_NAMES].sort());
  });

  it("stops on an invalid configuration with the key, value and rule, and writes nothing", () => {
    const dir = tempDir();
    const configFile = join(dir, "bad.json");
    writeFileSync(configFile, JSON.stringify({ peering: { accepter: { cidr: "10.0.0.0/16", subnet: { cidr: "10.0.9.0/24" } } } }));
    const outdir = join(dir, "cdktf.out");
    const stderr = captureStderr();
    expect(runSynth({ env: { [CONFIG_FILE_VARIABLE]: configFile }, outdir, stderr: stderr.stream })).toBe(1);
    expect(stderr.text()).toContain(`Invalid configuration (${configFile}):`);
    expect(stderr.text()).toContain('peering.accepter.cidr = "10.0.0.0/16": overlaps peering.requester.cidr (10.0.0.0/16)');
    expect(existsSync(outdir)).toBe(false);
  });

  it("uses the overrides file for every stack", () => {
    const dir = tempDir();
    const configFile = join(dir, "acme.json");
    writeFileSync(configFile, JSON.stringify({ state: { bucket: "acme-tfstate" } }));
    const outdir = join(dir, "cdktf.out");
    expect(runSynth({ env: { [CONFIG_FILE_VARIABLE]: configFile }, outdir })).toBe(0);
    const peering = JSON.parse(readFileSync(join(outdir, "stacks", "peering", "cdk.tf.json"), "utf8"));
    const state = JSON.parse(readFileSync(join(outdir, "stacks", "state", "cdk.tf.json"), "utf8"));
    expect(peering.terraform.backend.s3.bucket).toBe("acme-tfstate");
    expect(Object.values<any>(state.resource.aws_s3_bucket)[0].bucket).toBe("acme-tfstate");
  });

  it("defines exactly the stacks it lists, with no error annotations", () => {
    const app = appWith();
    expect(app.node.children.map((child) => child.node.id).sort()).toEqual([...STACK_NAMES].sort());
    expect(annotationsOf(app, "@cdktf/error")).toEqual([]);
  });
});

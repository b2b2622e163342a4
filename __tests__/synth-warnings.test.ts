import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize } from "../src/app";
import { cdktfCommandAbove, cdktfCommandIn, namesStack } from "../src/config/cdktf-command";
import { synthWarnings } from "../src/synth-warnings";
import { configWith, tempDir } from "./support/synth";

/** What cdktf prints after a synth: the warnings in the manifest, as `stack: message`. */
function printedAfterSynth(overrides: unknown = {}, command?: { name: string; stacks: string[] }): string[] {
  const dir = tempDir();
  const configFile = join(dir, "privnet.json");
  writeFileSync(configFile, JSON.stringify(overrides));
  const outdir = join(dir, "cdktf.out");
  synthesize({ env: { PRIVNET_CONFIG: configFile }, outdir, cdktfCommand: command ?? { name: "synth", stacks: [] } });
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { annotations?: { level: string; message: string }[] }> };
  return Object.entries(manifest.stacks).flatMap(([stack, entry]) => (entry.annotations ?? []).filter((note) => note.level === "@cdktf/warn").map((note) => `${stack}: ${note.message}`));
}

describe("what synth prints: one line per cause, on the stack it concerns", () => {
  it("a first synth without a bucket says once, on state, how to set it, and nothing about what need not change", () => {
    const printed = printedAfterSynth();
    expect(printed).toEqual([
      "state: state.bucket is not set, so diff and deploy of every other stack stop at terraform init. Deploy this stack first (npm run deploy -- state), then npm run config -- use-state-bucket.",
    ]);
  });

  it("says nothing at all once the bucket is set: the VPCs the four stacks need together are checked against the account at plan time", () => {
    const dir = tempDir();
    const outdir = join(dir, "cdktf.out");
    const result = synthesize({ env: {}, outdir, cdktfCommand: { name: "synth", stacks: [] } });
    expect(result.warnings.map((warning) => warning.message)).toContainEqual(expect.stringMatching(/deployed together .* need 10 VPCs per Region/));
    expect(printedAfterSynth({ state: { bucket: "acme-tfstate" } })).toEqual([]);
  });

  it("before cdktf destroys state, says why Terraform will refuse and where the way out is; not for another stack", () => {
    const bucket = { state: { bucket: "acme-tfstate" } };
    const refusal = expect.stringMatching(
      /^state: Terraform refuses to destroy the state bucket \(Instance cannot be destroyed; cdktf shows only the exit code\): it has prevent_destroy.* npm run config -- merge '\{"state":\{"preventDestroy":false\}\}', npm run deploy -- state, then destroy it \(src\/topologies\/state\/README\.md#removing-the-bucket\)\.$/,
    );
    expect(printedAfterSynth(bucket, { name: "destroy", stacks: ["state"] })).toEqual([refusal]);
    expect(printedAfterSynth(bucket, { name: "destroy", stacks: ["*"] })).toEqual([refusal]);
    expect(printedAfterSynth(bucket, { name: "destroy", stacks: ["peering"] })).toEqual([]);
    expect(printedAfterSynth(bucket, { name: "deploy", stacks: ["state"] })).toEqual([]);
  });

  it("with the protection lifted on purpose, says so on every synth, and the bucket may be destroyed and emptied", () => {
    const overrides = { state: { bucket: "acme-tfstate", preventDestroy: false } };
    expect(printedAfterSynth(overrides, { name: "destroy", stacks: ["state"] })).toEqual([
      "state: state.preventDestroy is false: destroy state empties and deletes the state bucket. Set it back to true once it is gone (src/topologies/state/README.md#removing-the-bucket).",
    ]);
  });

  it("puts a limit of one stack on that stack, and one several stacks pass only together on the last of them to deploy, unless the plan checks it", () => {
    const config = configWith({ state: { bucket: "acme-tfstate" } });
    const unlocked = { stacks: [], missing: [] };
    const within = { limit: "interfaceEndpointsPerVpc", stacks: ["endpoint-sharing"], scope: "aws_vpc.hub", count: 51, refused: false } as const;
    const together = { limit: "instanceConnectEndpointsPerRegion", stacks: ["alb-peering", "peering"], scope: "the deploying account", count: 6, refused: false } as const;
    const checkedAtPlan = { limit: "vpcsPerRegion", stacks: ["peering", "privatelink"], scope: "the deploying account", count: 6, refused: false } as const;
    const stacksOf = (limits: readonly (typeof within | typeof together | typeof checkedAtPlan)[]) => synthWarnings({ config, limits, unlocked }).map((warning) => warning.stack);
    expect(stacksOf([within])).toEqual(["endpoint-sharing"]);
    expect(stacksOf([together])).toEqual(["alb-peering"]);
    expect(stacksOf([checkedAtPlan])).toEqual([]);
  });

  it("names what the provider lock lacks once, on the first stack it leaves unchecked", () => {
    const warnings = synthWarnings({ config: configWith({ state: { bucket: "acme-tfstate" } }), limits: [], unlocked: { stacks: ["peering", "state"], missing: ["registry.terraform.io/hashicorp/aws 6.29.0"] } });
    expect(warnings).toEqual([
      {
        stack: "state",
        message:
          ".terraform.lock.hcl lacks registry.terraform.io/hashicorp/aws 6.29.0, so terraform init installs unchecked builds for state, peering; commit the lock the Provider lock workflow makes (docs/provider-lock.md).",
      },
    ]);
  });
});

describe("the cdktf command that runs the app", () => {
  it("is refused before anything is written when it names a stack the app does not have, since cdktf says so only after synth", () => {
    const outdir = join(tempDir(), "cdktf.out");
    expect(() => synthesize({ env: {}, outdir, cdktfCommand: { name: "deploy", stacks: ["peering", "nosuch"] } })).toThrow(
      'cdktf deploy = "nosuch": names no stack of this app; the stacks are state, peering, endpoint-sharing, privatelink, alb-peering',
    );
    expect(existsSync(outdir)).toBe(false);
    synthesize({ env: {}, outdir, cdktfCommand: { name: "deploy", stacks: ["peer*"] } });
    expect(existsSync(join(outdir, "stacks", "peering", "cdk.tf.json"))).toBe(true);
  });

  it.each([
    [["/usr/bin/node", "/p/node_modules/cdktf-cli/bundle/bin/cdktf", "destroy", "state"], { name: "destroy", stacks: ["state"] }],
    [["node", "/p/node_modules/.bin/cdktf", "destroy", "--auto-approve", "--var-file", "x.tfvars", "state", "peering"], { name: "destroy", stacks: ["state", "peering"] }],
    [["C:\\node.exe", "C:\\p\\node_modules\\cdktf-cli\\bundle\\bin\\cdktf", "deploy", "*"], { name: "deploy", stacks: ["*"] }],
    [["node", "/p/node_modules/.bin/cdktf", "synth"], { name: "synth", stacks: [] }],
    [["node", "/p/node_modules/.bin/cdktf", "diff", "--terraform-parallelism", "5", "-a", "node x.js", "--terraformParallelism", "4", "--var=x=1", "peering"], { name: "diff", stacks: ["peering"] }],
  ])("reads %j", (argv, expected) => {
    expect(cdktfCommandIn(argv)).toEqual(expected);
  });

  it("is no cdktf command where cdktf is not the program, or has no command", () => {
    expect(cdktfCommandIn(["/bin/sh", "-c", "node src/build/build-if-stale.cjs && node dist/src/main.js"])).toBeUndefined();
    expect(cdktfCommandIn(["node", "/p/node_modules/.bin/cdktf", "--help"])).toBeUndefined();
    expect(cdktfCommandIn(["node", "/p/my-cdktf-tool", "destroy", "state"])).toBeUndefined();
  });

  it("matches stacks by name and by cdktf's glob patterns", () => {
    expect(["state", "*", "st*", "s?ate"].map((pattern) => namesStack(pattern, "state"))).toEqual([true, true, true, true]);
    expect(["peering", "state-2", "*ing", "sta.e"].map((pattern) => namesStack(pattern, "state"))).toEqual([false, false, false, false]);
  });

  it.skipIf(process.platform === "win32")("finds it among the ancestors of a process, through the shell cdktf runs the app in", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "bin"));
    // Stands in for the cdktf CLI: it starts a shell, as cdktf starts the app, and says the shell's PID.
    const cli = join(dir, "bin", "cdktf");
    writeFileSync(cli, 'const { spawn } = require("node:child_process"); const shell = spawn("/bin/sh", ["-c", "sleep 30"], { stdio: "ignore" }); console.log(shell.pid); setTimeout(() => {}, 30000);\n');
    const fake = spawn(process.execPath, [cli, "destroy", "--auto-approve", "state"], { stdio: ["ignore", "pipe", "inherit"] });
    let shellPid: number | undefined;
    try {
      shellPid = await new Promise<number>((resolve, reject) => {
        fake.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        fake.once("exit", () => reject(new Error("the stand-in ended early")));
      });
      expect(cdktfCommandAbove(shellPid)).toEqual({ name: "destroy", stacks: ["state"] });
      expect(cdktfCommandAbove(process.pid)).toBeUndefined();
    } finally {
      if (shellPid !== undefined) process.kill(shellPid, "SIGKILL");
      fake.kill("SIGKILL");
    }
  });
});

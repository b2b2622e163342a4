import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planOutputPaths, runPlan } from "../../src/cli/plan";
import { PLAN_FILE } from "../../src/plan/plan-stack";
import type { TerraformResult, TerraformRunner } from "../../src/plan/terraform-cli";
import { capture } from "../support/commands";
import { fixturePlan } from "../support/plans";
import { lockFile } from "../support/provider-lock";
import { configWith, synthStack, tempDir } from "../support/synth";
import { review } from "../../src/review/review";
import { buildNetworkModel } from "../../src/reachability/build-model";
import { expandFlows } from "../../src/reachability/flows";
import { topologyOf } from "../../src/topologies/registry";
import { PROVIDER_PINS } from "../../src/constructs/provider-pins";

const PINNED = "1.16.3";
/** What Terraform 1.11 printed here for `init` against an S3 backend with no credentials at all. */
const NO_CREDENTIALS =
  'Error: No valid credential sources found\n\nPlease see https://developer.hashicorp.com/terraform/language/backend/s3\nfor more information about providing credentials.\n\nError: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client option, or "AWS_EC2_METADATA_DISABLED" environment variable';

const ok = (stdout = ""): TerraformResult => ({ status: 0, stdout, stderr: "" });

/** A scripted Terraform: answers by subcommand and records every call with its folder. */
function scriptedTerraform(answers: Partial<Record<string, TerraformResult>> = {}) {
  const calls: { args: readonly string[]; cwd: string }[] = [];
  const { json, text } = fixturePlan("mixed");
  const defaults: Record<string, TerraformResult> = {
    version: ok(JSON.stringify({ terraform_version: PINNED })),
    init: ok("Terraform has been successfully initialized!"),
    plan: ok("Plan: 2 to add, 1 to change, 2 to destroy."),
    "show -json": ok(JSON.stringify(json)),
    show: ok(text),
  };
  const run: TerraformRunner = (args, cwd) => {
    calls.push({ args, cwd });
    const key = args[0] === "show" && args[1] === "-json" ? "show -json" : args[0]!;
    return answers[key] ?? defaults[key]!;
  };
  return { run, calls };
}

function project(config: unknown = { state: { bucket: "privnet-tfstate-test" } }) {
  const dir = tempDir();
  writeFileSync(join(dir, "privnet.json"), JSON.stringify(config));
  const home = join(dir, "home");
  mkdirSync(join(home, ".aws"), { recursive: true });
  writeFileSync(join(home, ".aws", "config"), "[default]\nregion = ap-northeast-1\n");
  return { dir, outdir: join(dir, "cdktf.out"), home, env: { PRIVNET_CONFIG: join(dir, "privnet.json") } as NodeJS.ProcessEnv, providerLock: lockFile() };
}

function plan(args: string[], terraform: TerraformRunner, setup = project(), env: NodeJS.ProcessEnv = {}, review?: { json: string }) {
  const stdout = capture();
  const stderr = capture();
  const code = runPlan({ stack: args[0]!, ...(review ? { review } : {}), outdir: setup.outdir, env: { ...setup.env, ...env }, home: setup.home, providerLock: setup.providerLock, terraform, pinnedTerraform: PINNED, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text(), setup };
}

describe("npm run plan -- <stack>", () => {
  it("synthesizes, then runs init and a lock-free plan in the stack's folder, and writes the comment and the plan text", () => {
    const terraform = scriptedTerraform();
    const { code, stdout, setup } = plan(["peering"], terraform.run);
    expect(code).toBe(0);
    const stackDir = join(setup.outdir, "stacks", "peering");
    expect(terraform.calls.map((call) => [call.args.join(" "), call.cwd])).toEqual([
      ["version -json", stackDir],
      ["init -input=false -no-color -lockfile=readonly", stackDir],
      [`plan -input=false -lock=false -no-color -out=${PLAN_FILE}`, stackDir],
      [`show -json ${PLAN_FILE}`, stackDir],
      [`show -no-color ${PLAN_FILE}`, stackDir],
    ]);
    expect(stdout).toContain("peering: 2 to add, 1 to change, 2 to destroy\n  replace: terraform_data.replace (cannot change in place: triggers_replace)\n  destroy: terraform_data.gone");
    const paths = planOutputPaths(setup.outdir, "peering");
    expect(readFileSync(paths.comment, "utf8").split("\n")[1]).toBe("### `peering`: 2 to add, 1 to change, 2 to destroy");
    expect(readFileSync(paths.text, "utf8")).toBe(fixturePlan("mixed").text);
  });

  it("puts the commit and run the workflow passes into the comment's footer", () => {
    const { setup } = plan(["peering"], scriptedTerraform().run, project(), { PRIVNET_PLAN_COMMIT: "abcdef0123456789", PRIVNET_PLAN_RUN_URL: "https://github.com/o/r/actions/runs/7" });
    expect(readFileSync(planOutputPaths(setup.outdir, "peering").comment, "utf8")).toContain("head abcdef0 · [workflow run](https://github.com/o/r/actions/runs/7)");
  });

  it("installs only the locked builds (init -lockfile=readonly); a stack the lock does not cover is planned with the warning and a writable lock", () => {
    const locked = scriptedTerraform();
    expect(plan(["peering"], locked.run).code).toBe(0);
    expect(locked.calls.find((call) => call.args[0] === "init")!.args).toContain("-lockfile=readonly");

    const unlocked = scriptedTerraform();
    const setup = { ...project(), providerLock: lockFile([["aws", PROVIDER_PINS.aws]]) };
    const { code, stderr } = plan(["peering"], unlocked.run, setup);
    expect(code).toBe(0);
    expect(stderr).toContain(`Warning: .terraform.lock.hcl lacks registry.terraform.io/hashicorp/http ${PROVIDER_PINS.http}, so terraform init installs unchecked builds for peering;`);
    expect(unlocked.calls.find((call) => call.args[0] === "init")!.args).not.toContain("-lockfile=readonly");
    expect(existsSync(join(setup.outdir, "stacks", "peering", ".terraform.lock.hcl"))).toBe(false);
  });

  it("says terraform is missing, and where to get the pinned release, without running anything else", () => {
    const missing: TerraformRunner = () => ({ status: null, stdout: "", stderr: "", startError: Object.assign(new Error("spawn terraform ENOENT"), { code: "ENOENT" }) });
    const { code, stderr } = plan(["peering"], missing);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "terraform is not on PATH: the plan needs Terraform 1.16.3 (.terraform-version); install it with `tfenv install` or `tfswitch` (both read .terraform-version), or from https://releases.hashicorp.com/terraform/\n",
    );
  });

  it("refuses a release the stacks' required_version would refuse at init", () => {
    const terraform = scriptedTerraform({ version: ok(JSON.stringify({ terraform_version: "1.10.5" })) });
    const { code, stderr } = plan(["peering"], terraform.run);
    expect(code).toBe(2);
    expect(stderr).toContain("terraform 1.10.5 is on PATH, but the stacks require Terraform >= 1.11.0, < 2.0.0 (CI uses 1.16.3, from .terraform-version)");
    expect(terraform.calls).toHaveLength(1);
  });

  it.each(["1.11.4", "1.16.1"])("plans with %s, which the stacks accept, and notes that CI uses the pin", (version) => {
    const { code, stderr } = plan(["peering"], scriptedTerraform({ version: ok(JSON.stringify({ terraform_version: version })) }).run);
    expect(code).toBe(0);
    expect(stderr).toContain(`note: terraform ${version} on PATH; CI uses 1.16.3 (.terraform-version)`);
  });

  it("stops before Terraform when state.bucket is not set, naming the key and the stack that creates the bucket", () => {
    const terraform = scriptedTerraform();
    const { code, stderr } = plan(["peering"], terraform.run, project({}));
    expect(code).toBe(2);
    expect(stderr).toContain("peering keeps its state in S3, but state.bucket is not set: deploy the `state` stack, then set state.bucket");
    expect(terraform.calls).toEqual([]);
  });

  it("names the stacks the app defines when the stack is unknown, before synth writes anything", () => {
    const terraform = scriptedTerraform();
    const unknown = plan(["peerin"], terraform.run);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('no stack named "peerin": this app defines state, peering, endpoint-sharing, privatelink, alb-peering\n');
    expect(existsSync(unknown.setup.outdir)).toBe(false);
    expect(terraform.calls).toEqual([]);
  });

  it("explains missing credentials from Terraform's own error, and writes a failure comment with it", () => {
    const terraform = scriptedTerraform({ init: { status: 1, stdout: "Initializing the backend...", stderr: NO_CREDENTIALS } });
    const { code, stderr, setup } = plan(["peering"], terraform.run);
    expect(code).toBe(1);
    expect(stderr).toContain("peering: terraform init failed.\nNo AWS credentials were found: Terraform reads the state from S3 with them.");
    expect(terraform.calls.map((call) => call.args[0])).toEqual(["version", "init"]);
    const comment = readFileSync(planOutputPaths(setup.outdir, "peering").comment, "utf8");
    expect(comment).toContain("### :x: `peering`: terraform init failed");
    expect(comment).toContain("Error: No valid credential sources found");
    expect(existsSync(planOutputPaths(setup.outdir, "peering").text)).toBe(false);
  });

  it("warns when no AWS credentials are visible at all, before init tries", () => {
    const setup = project();
    const bare = { ...setup, home: join(setup.dir, "empty-home") };
    const { stderr } = plan(["peering"], scriptedTerraform().run, bare);
    expect(stderr).toContain("note: no AWS credentials are visible");
  });

  it("stops on a configuration error with the key, before anything is synthesized", () => {
    const { code, stderr, setup } = plan(["peering"], scriptedTerraform().run, project({ state: { bucket: 7 } }));
    expect(code).toBe(2);
    expect(stderr).toContain('state.bucket = 7: must be a string, not a number');
    expect(existsSync(setup.outdir)).toBe(false);
  });
});

describe("the network change before the plan", () => {
  const change = (opened: number) => {
    const report = review(
      { dir: "base", stacks: new Map([["peering", sideOf()]]) },
      { dir: "head", stacks: new Map([["peering", sideOf((json) => Object.assign(Object.values(json["resource"]["aws_vpc_security_group_ingress_rule"]).find((rule: any) => rule["from_port"] === 22) as object, { cidr_ipv4: "0.0.0.0/0", referenced_security_group_id: undefined }))]]) },
    );
    const stack = report.stacks[0]!;
    const many = { ...report, stacks: [{ ...stack, opened: Array.from({ length: opened }, (_, index) => ({ ...stack.opened[0]!, from: `host ${index} ${"x".repeat(400)}` })) }] };
    const file = join(tempDir(), "network-review.json");
    writeFileSync(file, JSON.stringify(many));
    return file;
  };

  it("prints the stack's network change before the Terraform plan, and opens the comment with it", () => {
    const result = plan(["peering"], scriptedTerraform().run, project(), {}, { json: change(2) });
    expect(result.code).toBe(0);
    expect(result.stdout.indexOf("Network change against base:")).toBeLessThan(result.stdout.indexOf("peering: terraform init and plan"));
    expect(result.stdout).toContain("  opened  MUST-NOT   host 0");
    const comment = readFileSync(planOutputPaths(result.setup.outdir, "peering").comment, "utf8");
    expect(comment.indexOf("#### Network change: 2 opened (2 MUST-NOT)")).toBeLessThan(comment.indexOf("<summary>Full plan"));
  });

  it("stays within GitHub's comment limit when the change is large, listing fewer flows and pointing to the artifact", () => {
    const result = plan(["peering"], scriptedTerraform().run, project(), {}, { json: change(2000) });
    const comment = readFileSync(planOutputPaths(result.setup.outdir, "peering").comment, "utf8");
    expect(Buffer.byteLength(comment, "utf8")).toBeLessThanOrEqual(65_536);
    expect(comment).toContain("the full report is the review artifact");
    expect(comment).toContain("<summary>Full plan");
  });

  it("says so when the workflow could not review the change, and plans anyway", () => {
    const result = plan(["peering"], scriptedTerraform().run, project(), {}, { json: join(tempDir(), "absent.json") });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Network change: not reviewed: .*absent\.json does not exist/m);
    expect(readFileSync(planOutputPaths(result.setup.outdir, "peering").comment, "utf8")).toContain("#### Network change: not reviewed");
  });
});

function sideOf(edit?: (json: Record<string, any>) => void) {
  const json = structuredClone(synthStack("peering").json) as Record<string, any>;
  edit?.(json);
  const model = buildNetworkModel(json as never, "peering");
  return { json: json as never, model, declared: expandFlows(model, topologyOf("peering")!.flows(configWith({}) as never)), flowsDeclared: true };
}

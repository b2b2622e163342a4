import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDrift } from "../../src/cli/drift";
import { runCli } from "../../src/cli/run-cli";
import { DRIFT_PLAN_FILE } from "../../src/operations/deployed-state";
import type { TerraformResult, TerraformRunner } from "../../src/plan/terraform-cli";
import type { StateResource } from "../../src/terraform-json/state";
import { driftSchema } from "../../src/operations/drift/drift-schema";
import { capture } from "../support/commands";
import { validate } from "../support/json-schema";
import { deployedFixture } from "../support/deployed";
import { lockFile } from "../support/provider-lock";
import { deployedResources, driftBetween, refreshedAfterDeploy, resourceNamed } from "../support/refreshed";
import { tempDir } from "../support/synth";

const PINNED = "1.16.3";
const ok = (stdout = ""): TerraformResult => ({ status: 0, stdout, stderr: "" });
const failed = (stderr: string): TerraformResult => ({ status: 1, stdout: "", stderr });

/** `terraform show -json` of a refresh-only plan that read `refreshed` where the state recorded `recorded`. */
function refreshOnlyPlan(recorded: readonly StateResource[], refreshed: readonly StateResource[]): string {
  return JSON.stringify({
    format_version: "1.2",
    prior_state: { values: { root_module: { resources: refreshed.map((resource) => ({ address: resource.address, mode: "managed", type: resource.type, name: resource.name, values: resource.values })) } } },
    resource_drift: driftBetween(recorded, refreshed).map((entry) => ({
      address: entry.address,
      mode: "managed",
      type: entry.type,
      name: entry.name,
      change: { actions: [entry.action], before: entry.before, after: entry.after ?? null, before_sensitive: {}, after_sensitive: {} },
    })),
  });
}

/** A scripted Terraform answering by subcommand, recording each call; the plan file is written as Terraform would. */
function scriptedTerraform(answers: Partial<Record<string, TerraformResult>> = {}) {
  const calls: { args: readonly string[]; cwd: string }[] = [];
  const fixture = deployedFixture("peering");
  const recorded = deployedResources("peering");
  const defaults: Record<string, TerraformResult> = {
    version: ok(JSON.stringify({ terraform_version: PINNED })),
    init: ok("Terraform has been successfully initialized!"),
    "state pull": ok(fixture.stateText),
    plan: ok("No changes."),
    "show -json": ok(refreshOnlyPlan(recorded, refreshedAfterDeploy(recorded))),
  };
  const run: TerraformRunner = (args, cwd) => {
    calls.push({ args, cwd });
    const key = args[0] === "show" || args[0] === "state" ? `${args[0]} ${args[1]}` : args[0]!;
    if (key === "plan") writeFileSync(join(cwd, DRIFT_PLAN_FILE), "plan");
    return answers[key] ?? defaults[key]!;
  };
  return { run, calls };
}

function project() {
  const dir = tempDir();
  writeFileSync(join(dir, "privnet.json"), JSON.stringify({ ...JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "deployed", "peering", "synth.config.json"), "utf8")), state: { bucket: "privnet-tfstate-test" } }));
  const home = join(dir, "home");
  mkdirSync(join(home, ".aws"), { recursive: true });
  writeFileSync(join(home, ".aws", "config"), "[default]\nregion = ap-northeast-1\n");
  return { dir, outdir: join(dir, "cdktf.out"), home, env: { PRIVNET_CONFIG: join(dir, "privnet.json") } as NodeJS.ProcessEnv };
}

async function drift(terraform: TerraformRunner, options: { stack?: string; format?: "text" | "markdown" | "json"; ifDeployed?: boolean; env?: NodeJS.ProcessEnv; githubIssue?: { fetch?: typeof fetch } } = {}) {
  const setup = project();
  const stdout = capture();
  const stderr = capture();
  const code = await runDrift({
    stack: options.stack ?? "peering",
    format: options.format ?? "text",
    outdir: setup.outdir,
    env: { ...setup.env, ...options.env },
    home: setup.home,
    providerLock: lockFile(),
    terraform,
    pinnedTerraform: PINNED,
    stdout: stdout.stream,
    stderr: stderr.stream,
    ...(options.ifDeployed ? { ifDeployed: true } : {}),
    ...(options.githubIssue ? { githubIssue: options.githubIssue } : {}),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), setup };
}

/** What Terraform 1.11 printed here for `init` against an S3 backend with no credentials at all. */
const NO_CREDENTIALS = "Error: No valid credential sources found\n\nPlease see https://developer.hashicorp.com/terraform/language/backend/s3\nfor more information about providing credentials.";

describe("npm run drift -- <stack>", () => {
  it("reads the state and a refresh-only plan in cdktf's stack folder, without a lock or a state write, and says there is no drift (exit 0)", async () => {
    const terraform = scriptedTerraform();
    const { code, stdout, stderr, setup } = await drift(terraform.run);
    expect(stderr).not.toMatch(/Error|at .*\.ts/);
    expect(code).toBe(0);
    const stackDir = join(setup.outdir, "stacks", "peering");
    expect(terraform.calls.map((call) => [call.args.join(" "), call.cwd])).toEqual([
      ["version -json", stackDir],
      ["init -input=false -no-color -lockfile=readonly", stackDir],
      ["state pull", stackDir],
      [`plan -refresh-only -input=false -lock=false -no-color -out=${DRIFT_PLAN_FILE}`, stackDir],
      [`show -json ${DRIFT_PLAN_FILE}`, stackDir],
    ]);
    // The plan file holds state values: it does not outlive the run.
    expect(existsSync(join(stackDir, DRIFT_PLAN_FILE))).toBe(false);
    expect(stdout).toMatch(/^peering: no drift/);
  });

  it("reports a rule removed outside Terraform and the intended ping it closed, and exits 3; --json carries the same", async () => {
    const recorded = deployedResources("peering");
    const rule = resourceNamed(recorded, "aws_vpc_security_group_ingress_rule", "sg2_ingress-icmp");
    const refreshed = refreshedAfterDeploy(recorded.filter((resource) => resource.address !== rule.address));
    const answers = { "show -json": ok(refreshOnlyPlan(recorded, refreshed)) };
    const text = await drift(scriptedTerraform(answers).run);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain(rule.address);
    expect(text.stdout).toMatch(/closed.*\n(.*\n)*.*peering-ec2-1 -> peering-ec2-2 icmp/);
    const json = await drift(scriptedTerraform(answers).run, { format: "json" });
    expect(json.code).toBe(3);
    const report = JSON.parse(json.stdout) as { drifted: boolean; resources: { address: string; change: string }[]; closed: { from: string; to: string; expectation: string }[] };
    expect(report.drifted).toBe(true);
    expect(report.resources).toEqual([expect.objectContaining({ address: rule.address, change: "deleted" })]);
    expect(report.closed).toContainEqual(expect.objectContaining({ from: "peering-ec2-1", to: "peering-ec2-2", expectation: "intended" }));
    // docs/drift.schema.json describes what it prints.
    expect(validate(driftSchema(), report)).toEqual([]);
  });

  it.each([
    ["an unknown stack, before anything is synthesized", { stack: "peerin" }, {}, /^no stack named "peerin": this app defines /],
    ["missing credentials, with what to do", {}, { init: failed(NO_CREDENTIALS) }, /^peering: terraform init failed: Error: No valid credential sources found[^\n]*\nNo AWS credentials were found/],
    ["expired credentials", {}, { "state pull": failed("Error: error loading state: operation error S3: GetObject, api error ExpiredToken: The security token included in the request is expired") }, /^peering: terraform state pull failed: .*ExpiredToken.*\nThe AWS credentials were refused/],
    [
      "a backend out of reach",
      {},
      { init: failed('Error: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 0, RequestID: , request send failed, Post "https://sts.ap-northeast-1.amazonaws.com/": dial tcp: lookup sts.ap-northeast-1.amazonaws.com on 10.255.255.53:53: no such host') },
      /^peering: terraform init failed: .*no such host.*\nAWS could not be reached/,
    ],
    ["a state bucket that does not exist", {}, { init: failed('Error: Failed to get existing workspaces: S3 bucket "privnet-tfstate-test" does not exist.') }, /The state bucket privnet-tfstate-test does not exist/],
    ["a stack never deployed", {}, { "state pull": ok("") }, /^peering has no state in s3:\/\/privnet-tfstate-test\/privnet\/peering\/terraform\.tfstate: it was never deployed, or was destroyed; deploy it first \(npm run deploy -- peering\)$/],
    ["--github-issue without a token", { githubIssue: {} }, {}, /^drift --github-issue: GITHUB_TOKEN is not set/],
  ])("refuses %s in one line, exit 2, having run nothing that writes", async (_, options, answers, message) => {
    const terraform = scriptedTerraform(answers as Partial<Record<string, TerraformResult>>);
    const { code, stdout, stderr } = await drift(terraform.run, options as never);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.split("\n").filter((line) => line !== "" && !/^peering: terraform init, state pull/.test(line));
    expect(lines.join("\n")).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    // Nothing that takes a lock or writes state: no apply, no refresh that saves, no push.
    expect(terraform.calls.map((call) => call.args[0])).not.toEqual(expect.arrayContaining(["apply", "refresh", "import"]));
    expect(terraform.calls.filter((call) => call.args[0] === "state").map((call) => call.args[1])).not.toContain("push");
  });

  it("takes a stack never deployed as nothing to check with --if-deployed (the scheduled workflow checks every stack)", async () => {
    const { code, stderr } = await drift(scriptedTerraform({ "state pull": ok(JSON.stringify({ version: 4, resources: [] })) }).run, { ifDeployed: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(/peering has no state in s3:\/\/privnet-tfstate-test\/.*: not deployed, nothing to check/);
  });

  it("refuses --markdown with --json, and a second stack, before anything runs", async () => {
    const context = () => ({ stdout: capture(), stderr: capture() });
    for (const args of [["peering", "--markdown", "--json"], ["peering", "alb-peering"]]) {
      const out = context();
      const code = await runCli(["drift", ...args], { cwd: tempDir(), projectDir: tempDir(), env: {}, stdout: out.stdout.stream, stderr: out.stderr.stream });
      expect(code).toBe(2);
      expect(out.stderr.text()).toMatch(/^drift: (--markdown and --json do not go together|unexpected argument alb-peering)/);
    }
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deployCases, isCoreCase, OPERATOR_CIDR, selectCases } from "../../src/deploy-test/cases";
import { DEVIATIONS, deviationName, EMULATOR_FIX_IDS } from "../../src/deploy-test/deviations";
import { runCli } from "../../src/cli/run-cli";
import { USAGE } from "../../src/deploy-test/run-deploy-test";
import { STACK_NAMES } from "../../src/topologies/registry";

async function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["deploy-test", ...args], { cwd: process.cwd(), projectDir: process.cwd(), env, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

describe("npm run test:deploy", () => {
  it("answers --help with its usage and runs nothing", async () => {
    for (const help of ["--help", "-h"]) {
      const { code, stdout } = await run([help, "peering"]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${USAGE}\n`);
    }
    expect(USAGE).toMatch(/--require/);
    expect(USAGE).toMatch(/PRIVNET_TF_PROVIDER_MIRROR/);
  });

  it.each([
    [["--jobs", "0"], /--jobs takes a whole number from 1 to 8, not 0/],
    [["--jobs", "2.5"], /--jobs takes a whole number from 1 to 8, not 2.5/],
    [["--jobs"], /deploy-test: Option '--jobs <value>' argument missing; run it with --help/],
    [["--frobnicate"], /deploy-test: Unknown option '--frobnicate'/],
    [["no-such-stack"], /no case or stack named no-such-stack; the cases are: bootstrap, endpoint-sharing/],
  ])("refuses %j with exit 2", async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("deploys with --core, what .ci/run runs, every stack at its defaults and each drift scenario, and nothing else", async () => {
    const core = deployCases().filter(isCoreCase);
    expect(core.map((c) => c.name)).toEqual(["bootstrap", "endpoint-sharing", "privatelink", "alb-peering", "peering+flow-logs"]);
    expect(new Set(core.flatMap((c) => c.stacks))).toEqual(new Set(STACK_NAMES));
    expect(core.filter((c) => c.kind === "stack" && c.drift !== undefined).map((c) => c.name)).toEqual(["endpoint-sharing", "peering+flow-logs"]);
    // Named cases are narrowed, not widened: the bare machine skips what --core leaves.
    const skipped = await run(["--core", "privatelink"], { PATH: "/nonexistent" });
    expect(skipped.stdout).toMatch(/\n0 passed, 0 failed, 1 skipped\n$/);
    expect(readFileSync(".ci/run", "utf8")).toMatch(/npm run test:deploy -- --require --jobs \d+ --core\n/);
  });

  it("skips with the reason and a closing count when Terraform and moto are missing, and fails with --require", async () => {
    const bare = { PATH: "/nonexistent" };
    const skipped = await run(["peering"], bare);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/^test:deploy skipped: terraform is not on PATH: the deploy test needs Terraform .*; python3 is not on PATH; install it with `pip install "moto\[server\]"`/);
    expect(skipped.stdout).toMatch(/\n0 passed, 0 failed, 3 skipped\n$/);
    const required = await run(["--require", "peering"], bare);
    expect(required.code).toBe(2);
    expect(required.stderr).toMatch(/^test:deploy cannot run: terraform is not on PATH/);
    expect(required.stdout).not.toMatch(/passed/);
  });

  it("deploys every stack at its defaults once: state and peering in the bootstrap, first, the others in a case each; and the option sets the issue names", () => {
    const cases = deployCases();
    const atDefaults = cases.filter((c) => c.kind === "bootstrap" || (c.kind === "stack" && c.description.startsWith("defaults")));
    expect(atDefaults.flatMap((c) => c.stacks).sort()).toEqual([...STACK_NAMES].sort());
    const bootstrap = cases[0]!;
    expect(bootstrap).toMatchObject({ kind: "bootstrap", stacks: ["state", "peering"] });
    // At the defaults, as a user deploys them after the quick start: only the operator's address is fixed.
    expect(bootstrap.overrides).toEqual({ peering: { operator: { cidr: OPERATOR_CIDR } } });
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining(["privatelink+article-003", "privatelink+other-account", "endpoint-sharing+transit-gateway", "peering+flow-logs", "peering+address-lookup", "bootstrap"]),
    );
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(selectCases(cases, ["alb-peering"]).selected.map((c) => c.name)).toEqual(["alb-peering", "alb-peering+other-account"]);
    expect(selectCases(cases, ["state"])).toEqual({ selected: [bootstrap], unknown: [] });
    expect(selectCases(cases, ["peering"]).selected.map((c) => c.name)).toEqual(["bootstrap", "peering+flow-logs", "peering+address-lookup"]);
  });

  it("fixes the operator's address in every case that deploys, and leaves the lookup to the validate-only case", () => {
    for (const c of deployCases()) {
      const operator = (c.overrides["peering"] as { operator?: { cidr?: string } } | undefined)?.operator;
      if (c.kind === "validate") expect(operator).toBeUndefined();
      else expect(operator).toEqual({ cidr: OPERATOR_CIDR });
    }
  });

  it("starts moto with exactly the fixes deviations.ts documents", () => {
    const launcher = readFileSync("src/deploy-test/emulator/moto_with_fixes.py", "utf8");
    const fixes = [...launcher.matchAll(/^@fix\("([^"]+)"\)$/gm)].map((match) => match[1]);
    expect(fixes.sort()).toEqual([...EMULATOR_FIX_IDS].sort());
    expect(fixes.length).toBeGreaterThan(0);
  });
});

describe("docs/deploy-test.md", () => {
  const doc = readFileSync("docs/deploy-test.md", "utf8");
  const deviationTables = doc.slice(doc.indexOf("## Where the emulator may differ"), doc.indexOf("## The last run"));

  it("names no deviation that deviations.ts does not have", () => {
    const named = DEVIATIONS.map(deviationName);
    const rows = deviationTables.split("\n").filter((line) => line.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const [, name] of row.split("|")[1]!.matchAll(/`([^`]+)`/g)) expect(named).toContain(name);
  });

  it.each(DEVIATIONS.map((d) => [deviationName(d), d] as const))("lists the deviation %s", (name, deviation) => {
    const rows = doc.split("\n").filter((line) => line.startsWith("|") && line.includes(`\`${name}\``));
    expect(rows, `no table row names \`${name}\``).not.toEqual([]);
    if (deviation.kind === "read-back") for (const attribute of deviation.attributes) expect(rows.join("\n")).toContain(`\`${attribute}\``);
    if (deviation.kind === "newer-argument") expect(rows.some((row) => row.includes(`\`${deviation.attribute}\``) && row.includes(deviation.since))).toBe(true);
  });
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli";
import { SUBCOMMANDS } from "../../src/cli/subcommands";
import { capture } from "../support/commands";

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = capture();
  const stderr = capture();
  return runCli(argv, { cwd: process.cwd(), projectDir: process.cwd(), env, stdout: stdout.stream, stderr: stderr.stream }).then((code) => ({ code, stdout: stdout.text(), stderr: stderr.text() }));
}

describe("privnet, the one command line", () => {
  it("verify prints a summary per stack by default, and every flow with --flows", async () => {
    const summary = await run(["verify"]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).not.toContain("  check  expected   verdict    flow");
    const everyFlow = await run(["verify", "--flows"]);
    expect(everyFlow.code).toBe(0);
    expect(everyFlow.stdout).toContain("  ok     reachable  reachable  ec2-1 -> ec2-2 icmp\n");
    expect(everyFlow.stdout.match(/^ {2}(ok|FAIL) {2,}/gm)).toHaveLength(158);
  });

  it("lists every subcommand with its npm script on --help", async () => {
    const result = await run(["--help"]);
    expect(result.code).toBe(0);
    for (const command of SUBCOMMANDS) {
      expect(result.stdout).toContain(`${command.name}`);
      expect(result.stdout).toContain(`(npm run ${command.npmScript})`);
    }
  });

  it("without a subcommand prints the list on stderr and cannot run", async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("usage: npm run privnet -- <subcommand>");
  });

  it.each(SUBCOMMANDS.map((command) => command.name))("%s answers --help with its usage and exit codes, running nothing", async (name) => {
    const result = await run([name, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/usage: npm run /);
    expect(result.stdout).toMatch(/exit|^ {2}0 /m);
  });

  it("refuses an unknown subcommand, naming the known ones", async () => {
    const result = await run(["deploy"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no subcommand "deploy"');
    expect(result.stderr).toContain("verify, review, guardrails, plan");
  });

  it.each(SUBCOMMANDS.map((command) => command.name))("%s refuses an option it does not know before running anything, instead of reading it as a file", async (name) => {
    const result = await run([name, "--no-such-option"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${name}: Unknown option '--no-such-option'; run it with --help for its usage\n`);
    expect(result.stdout).toBe("");
  });

  it.each([
    ["plan", [], "plan: it takes <stack> [--review-base <git ref> | --no-review]; nothing was given"],
    ["plan", ["peering", "state"], "plan: unexpected argument state (it takes <stack> [--review-base <git ref> | --no-review])"],
    ["docs", ["stale.md"], "docs: it takes no argument, not stale.md"],
    ["providers-lock", ["--fs-mirror"], "providers-lock: Option '--fs-mirror <value>' argument missing"],
    ["ci-aws-policies", ["octo/net"], "ci-aws-policies: it takes <owner/repo> <aws-account-id> [<ownerId/repoId>]; only octo/net was given"],
  ])("%s %j is refused with what it takes, before anything runs", async (name, args, message) => {
    const result = await run([name, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}; run it with --help for its usage\n`);
  });

  it("bench refuses a run count that is not a whole number, before measuring anything", async () => {
    const result = await run(["bench", "many"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the number of runs");
  });

  it("has each subcommand's npm script run exactly that subcommand, and nothing else call the CLI", () => {
    const scripts = (JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const command of SUBCOMMANDS) {
      expect(scripts[command.npmScript], command.npmScript).toBe(`node src/build/build-if-stale.cjs && node dist/src/cli/main.js ${command.name}`);
    }
    const aliases = Object.entries(scripts).filter(([, script]) => script.includes("dist/src/cli/main.js"));
    expect(aliases.map(([name]) => name).sort()).toEqual(["privnet", ...SUBCOMMANDS.map((command) => command.npmScript)].sort());
  });
});

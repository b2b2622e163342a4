import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Writer } from "../writer";
import { deployCases, isCoreCase, selectCases, type DeployCase } from "./cases";
import { DEVIATIONS, deviationName } from "./deviations";
import { Emulator } from "./emulator";
import { renderDroppedArguments, renderLeftOut, renderTable } from "./report";
import { runCase, type CaseResult, type RunContext } from "./run-case";
import { findMoto, findProviderSource, findTerraform, PROVIDER_MIRROR_VARIABLE, PYTHON_VARIABLE, type ProviderSource } from "./toolchain";

export const USAGE = `usage: npm run test:deploy [-- [options] [case or stack ...]]

Deploys every stack (or the cases and stacks named) into an emulated AWS (moto, started
on a free loopback port and stopped when the run ends): synth, terraform init, validate,
plan, apply, a second plan that must find nothing to do, destroy, and a check that the
emulator holds nothing the stack created.

options:
  --require   fail (exit 2) when Terraform, the AWS provider or moto is missing, instead of skipping
  --jobs N    cases at once, each with its own emulator (default 4)
  --core      only every stack at its defaults and the drift scenarios (what .ci/run deploys;
              the pull-request workflow runs every case)
  --list      list the cases and exit
  --help      this text

environment:
  ${PROVIDER_MIRROR_VARIABLE}  a filesystem mirror or plugin cache holding the AWS provider,
                              used when the pinned release cannot come from the registry
  ${PYTHON_VARIABLE}        the Python that imports moto (default python3)

exit: 0 every case passed (or skipped, without --require), 1 a case failed, 2 cannot run`;

export interface DeployTestOptions {
  /** As `privnet deploy-test` parses its arguments (src/cli/subcommands.ts). */
  readonly require?: boolean;
  /** `--jobs` as given; checked here. */
  readonly jobs?: string;
  readonly list?: boolean;
  readonly help?: boolean;
  /** Only the core cases (`isCoreCase`). */
  readonly core?: boolean;
  /** The cases or stacks named. */
  readonly names?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly runDir?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

const DEFAULT_JOBS = 4;

/** `--jobs` as a number of cases at once, or why it is not one. */
function jobsOf(given: string | undefined): number | string {
  if (given === undefined) return DEFAULT_JOBS;
  const value = Number(given);
  return /^\d+$/.test(given) && value >= 1 && value <= 8 ? value : `--jobs takes a whole number from 1 to 8, not ${given === "" ? "nothing" : given}`;
}

/**
 * Terraform's variables the run keeps: where providers come from, and logging. Any
 * other (TF_CLI_ARGS_plan=-refresh=false, TF_DATA_DIR, TF_WORKSPACE, TF_VAR_*) could
 * hollow out a step or make the workers share a folder.
 */
const KEPT_TF_VARIABLES = /^TF_(CLI_CONFIG_FILE|PLUGIN_CACHE_DIR|PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE|LOG|LOG_PATH|LOG_CORE|LOG_PROVIDER)$/;

/**
 * The environment of every Terraform in the run: the emulator's credentials, no
 * profile, role or instance metadata of the machine's own, so that nothing can reach
 * a real AWS account; no prompts, no call home.
 */
function terraformEnv(env: NodeJS.ProcessEnv, endpoint: string, runDir: string, source: ProviderSource): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("AWS_") && (!name.startsWith("TF_") || KEPT_TF_VARIABLES.test(name))));
  const emptyFile = join(runDir, "empty-aws-config");
  writeFileSync(emptyFile, "");
  const cliConfig: NodeJS.ProcessEnv = {};
  if (source.kind === "mirror" && source.writeCliConfig) {
    const file = join(runDir, "terraform.rc");
    const aws = "registry.terraform.io/hashicorp/aws";
    writeFileSync(
      file,
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(source.folder))}\n    include = ["${aws}"]\n  }\n  direct {\n    exclude = ["${aws}"]\n  }\n}\n`,
    );
    cliConfig["TF_CLI_CONFIG_FILE"] = file;
  }
  return {
    ...clean,
    ...cliConfig,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL: endpoint,
    AWS_CONFIG_FILE: emptyFile,
    AWS_SHARED_CREDENTIALS_FILE: emptyFile,
    AWS_EC2_METADATA_DISABLED: "true",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
}

async function worker(queue: DeployCase[], results: Map<string, CaseResult>, make: (emulator: Emulator) => RunContext, python: string, runDir: string, index: number, stdout: Writer): Promise<void> {
  if (queue.length === 0) return;
  let emulator: Emulator;
  try {
    emulator = await Emulator.start(python, join(runDir, `moto-${index}.log`), join(runDir, `moto-${index}.tls`));
  } catch (error) {
    // The other workers take this one's cases; those none can take are reported below.
    stdout.write(`emulator ${index}: ${(error as Error).message}\n`);
    return;
  }
  stdout.write(`emulator ${index}: moto on ${emulator.endpoint} (plain HTTP ${emulator.plainEndpoint}), pid ${emulator.pid}\n`);
  try {
    const context = make(emulator);
    for (let next = queue.shift(); next; next = queue.shift()) {
      let result: CaseResult;
      try {
        result = await runCase(next, context, emulator);
      } catch (error) {
        result = { name: next.name, description: next.description, steps: [], leftOut: [], droppedArguments: [], ok: false, failure: `the harness failed: ${(error as Error).stack ?? error}` };
      }
      results.set(next.name, result);
      const seconds = result.steps.reduce((sum, step) => sum + step.seconds, 0);
      const planOnly = result.leftOut.length > 0 ? `; ${result.leftOut.length} resources and outputs validated and planned only` : "";
      const dropped = result.droppedArguments.length > 0 ? `; ${result.droppedArguments.length} ${result.droppedArguments.length === 1 ? "argument" : "arguments"} newer than the AWS provider left out` : "";
      if (result.skipped) stdout.write(`skipped ${next.name}: ${result.skipped}\n`);
      else stdout.write(`${result.ok ? "passed" : "FAILED"} ${next.name} (${seconds.toFixed(0)} s${planOnly}${dropped})${result.failure ? `: ${result.failure}` : ""}\n`);
    }
  } finally {
    await emulator.stop();
  }
}

/** `npm run test:deploy`; resolves to the exit code. */
export async function runDeployTest(options: DeployTestOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  if (options.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const jobs = jobsOf(options.jobs);
  if (typeof jobs === "string") {
    stderr.write(`${jobs}\n${USAGE}\n`);
    return 2;
  }
  const cases = deployCases();
  const chosen = selectCases(cases, options.names ?? []);
  const unknown = chosen.unknown;
  const selected = options.core ? chosen.selected.filter(isCoreCase) : chosen.selected;
  if (unknown.length > 0) {
    stderr.write(`no case or stack named ${unknown.join(", ")}; the cases are: ${cases.map((c) => c.name).join(", ")}\n`);
    return 2;
  }
  if (options.list) {
    for (const c of cases) stdout.write(`${isCoreCase(c) ? "*" : " "} ${c.name.padEnd(36)} ${c.stacks.join(", ").padEnd(17)} ${c.description}\n`);
    stdout.write("(* --core, what .ci/run deploys)\n");
    return 0;
  }

  const terraform = findTerraform(env);
  const moto = findMoto(env);
  const provider = findProviderSource(env);
  const missing = [terraform, moto, provider].flatMap((found) => (found.ok ? [] : [found.reason]));
  if (missing.length > 0) {
    const say = options.require === true ? stderr : stdout;
    say.write(`test:deploy ${options.require === true ? "cannot run" : "skipped"}: ${missing.join("; ")}\n`);
    if (options.require === true) return 2;
    stdout.write(`0 passed, 0 failed, ${selected.length} skipped\n`);
    return 0;
  }
  if (!terraform.ok || !moto.ok || !provider.ok) return 2;
  const source = provider.value;
  stdout.write(
    `terraform ${terraform.value.version}, moto ${moto.value.version}, AWS provider from ${source.kind === "registry" ? "the registry (pinned release)" : `${source.folder} (${source.from})`}\n`,
  );
  stdout.write(`emulator deviations (src/deploy-test/deviations.ts): ${[...new Set(DEVIATIONS.map(deviationName))].join(", ")}\n`);

  const runDir = resolve(options.runDir ?? "deploy-test.out");
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const notes = new Set<string>();
  const note = (line: string) => {
    if (!notes.has(line)) stdout.write(`note: ${line}\n`);
    notes.add(line);
  };
  const results = new Map<string, CaseResult>();
  const queue = [...selected];
  const started = performance.now();
  await Promise.all(
      Array.from({ length: Math.min(jobs, queue.length) }, (_, index) =>
        worker(queue, results, (emulator) => ({ terraformBinary: terraform.value.binary, env: terraformEnv(env, emulator.endpoint, runDir, source), runDir, providerSource: source, note }), moto.value.python, runDir, index, stdout),
      ),
  );

  const ran = (r: CaseResult) => !r.skipped;
  const ordered = selected.map(
    (c) => results.get(c.name) ?? { name: c.name, description: c.description, steps: [], leftOut: [], droppedArguments: [], ok: false, failure: "not run: no emulator could be started (see the emulator lines above)" },
  );
  stdout.write(`\n${renderTable(ordered.filter(ran))}\n`);
  stdout.write(`\nwall time: ${((performance.now() - started) / 1000).toFixed(1)} s for ${ordered.filter(ran).length} cases, ${Math.min(jobs, selected.length)} at once (--jobs ${jobs})\n`);
  const leftOut = renderLeftOut(ordered);
  if (leftOut.length > 0) stdout.write(`\nLeft out of apply, replan and destroy (the emulator cannot serve them; validate and plan had them):\n${leftOut.join("\n")}\n`);
  const dropped = renderDroppedArguments(ordered);
  if (dropped.length > 0) stdout.write(`\nLeft out of every step (arguments newer than this run's AWS provider release; the pinned release has them):\n${dropped.join("\n")}\n`);
  for (const line of notes) stdout.write(`\nnote: ${line}\n`);
  for (const failed of ordered.filter((r) => !r.ok)) stdout.write(`\nFAILED ${failed.name}: ${failed.failure}\n`);
  const skipped = ordered.filter((r) => r.skipped).length;
  const passed = ordered.filter((r) => r.ok && !r.skipped).length;
  const failed = ordered.length - passed - skipped;
  stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`);
  return failed === 0 ? 0 : 1;
}

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { synthesize } from "../app";
import { DEFAULT_CONFIG } from "../config/defaults";
import { ConfigError } from "../config/errors";
import { GuardrailError } from "../guardrails/gate";
import { stateKey } from "../stacks/s3-backend";
import type { BootstrapCase, DeployCase, StackCase } from "./cases";
import { emulatedS3Headers, type Emulator } from "./emulator";
import { stillPresent } from "./leftovers";
import { firstError, plannedChanges, TerraformSteps, type StepOutcome } from "./terraform-steps";
import { providerRelease, type ProviderSource } from "./toolchain";
import { emulatorOverride, OVERRIDE_FILE, prepareWorkspace, s3BackendSettings, STACK_FILE, type EmulatorTarget, type LeftOut, type Workspace, type WorkspaceOptions } from "./workspace";

export interface RunContext {
  readonly terraformBinary: string;
  /** The environment every Terraform of the run gets: emulator credentials and endpoint, CLI configuration. */
  readonly env: NodeJS.ProcessEnv;
  readonly runDir: string;
  readonly providerSource: ProviderSource;
  /** Says, once, that the run uses another AWS provider release than the stacks pin. */
  readonly note: (line: string) => void;
}

export interface CaseResult {
  readonly name: string;
  readonly description: string;
  readonly steps: StepOutcome[];
  readonly leftOut: readonly LeftOut[];
  readonly ok: boolean;
  /** The first failure, with where its log is. */
  readonly failure?: string;
}

class CaseRun {
  readonly steps: StepOutcome[] = [];
  readonly leftOut: LeftOut[] = [];
  readonly dir: string;
  /** Each deployment's state as its apply left it, to look for its resources after the destroy. */
  readonly appliedStates: { readonly stack: string; readonly folder: string; readonly state: string }[] = [];

  constructor(
    readonly deployCase: DeployCase,
    readonly context: RunContext,
    readonly emulator: Emulator,
  ) {
    this.dir = join(context.runDir, deployCase.name);
    mkdirSync(this.dir, { recursive: true });
  }

  get failed(): boolean {
    return this.steps.some((step) => !step.ok);
  }

  record(outcome: StepOutcome): boolean {
    this.steps.push({ step: outcome.step, ok: outcome.ok, seconds: outcome.seconds, ...(outcome.detail ? { detail: outcome.detail } : {}) });
    return outcome.ok;
  }

  check(step: string, ok: boolean, detail: string): boolean {
    return this.record({ step, ok, seconds: 0, ...(ok ? {} : { detail }) });
  }

  /** Synthesizes every stack of the app, as `cdktf synth` does, with the case's configuration. */
  synth(overrides: Record<string, unknown>, label = "synth"): string | undefined {
    const configFile = join(this.dir, `${label}.config.json`);
    writeFileSync(configFile, `${JSON.stringify(overrides, null, 2)}\n`);
    const outdir = join(this.dir, "cdktf.out");
    const start = performance.now();
    try {
      synthesize({ env: { PRIVNET_CONFIG: configFile }, outdir });
      this.record({ step: label, ok: true, seconds: (performance.now() - start) / 1000 });
      return outdir;
    } catch (error) {
      if (!(error instanceof ConfigError || error instanceof GuardrailError)) throw error;
      this.record({ step: label, ok: false, seconds: (performance.now() - start) / 1000, detail: error.message.split("\n").slice(0, 3).join(" ") });
      return undefined;
    }
  }

  workspace(outdir: string, stack: string, options: WorkspaceOptions): { readonly workspace: Workspace; readonly terraform: TerraformSteps } {
    const folder = join(outdir, "stacks", stack);
    const workspace = prepareWorkspace(stack, folder, this.target(JSON.parse(readFileSync(join(folder, STACK_FILE), "utf8"))), options);
    this.leftOut.push(...workspace.leftOut.map((item) => ({ ...item, address: `${stack}: ${item.address}` })));
    return { workspace, terraform: new TerraformSteps(this.context.terraformBinary, this.context.env, folder, join(this.dir, `${stack}.log`)) };
  }

  /** init, validate, plan, apply: what every deployment goes through. Returns whether all passed. */
  async deploy(prefix: string, workspace: Workspace, terraform: TerraformSteps, initArgs: readonly string[] = [], whileApplying?: () => Promise<void>): Promise<boolean> {
    if (!this.record(await terraform.step(`${prefix}init`, ["init", "-input=false", "-no-color", ...initArgs]))) return false;
    if (!this.record(await terraform.step(`${prefix}validate`, ["validate", "-no-color"]))) return false;
    if (!this.record(await terraform.step(`${prefix}plan`, ["plan", "-input=false", "-no-color", "-out=deploy-test.tfplan"]))) return false;
    workspace.useAppliedStack();
    const applyArgs = workspace.leftOut.length === 0 ? ["deploy-test.tfplan"] : [];
    const applying = terraform.step(`${prefix}apply`, ["apply", "-input=false", "-no-color", "-auto-approve", ...applyArgs]);
    if (whileApplying) await whileApplying();
    const applied = this.record(await applying);
    // Kept even after a failed apply: what it did create must be gone after the destroy.
    const pulled = await terraform.run(["state", "pull"]);
    if (pulled.code === 0 && pulled.output.trim().startsWith("{")) {
      const state = join(this.dir, `${workspace.name}.applied.tfstate`);
      writeFileSync(state, pulled.output);
      this.appliedStates.push({ stack: workspace.name, folder: workspace.folder, state });
    }
    return applied;
  }

  /**
   * Nothing the case created may be left in the emulator after its destroys: a refresh
   * of each state as its apply left it must drop every resource in it.
   */
  async checkLeftovers(): Promise<void> {
    const start = performance.now();
    const left: string[] = [];
    for (const applied of this.appliedStates) {
      const folder = join(this.dir, `${applied.stack}.leftovers`);
      mkdirSync(folder, { recursive: true });
      copyFileSync(join(applied.folder, STACK_FILE), join(folder, STACK_FILE));
      const stack = JSON.parse(readFileSync(join(folder, STACK_FILE), "utf8"));
      writeFileSync(join(folder, OVERRIDE_FILE), JSON.stringify(emulatorOverride(stack, this.target(stack), { backend: "local" })));
      copyFileSync(applied.state, join(folder, "terraform.tfstate"));
      const terraform = new TerraformSteps(this.context.terraformBinary, this.context.env, folder, join(this.dir, `${applied.stack}.leftovers.log`));
      const steps = [["init", "-input=false", "-no-color"], ["apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"], ["state", "list"]];
      let listed: string | undefined;
      for (const args of steps) {
        const result = await terraform.run(args);
        if (result.code !== 0) {
          this.record({ step: "leftovers", ok: false, seconds: (performance.now() - start) / 1000, detail: `could not refresh the applied ${applied.stack} state: ${firstError(result.output) ?? `exit ${result.code}`}` });
          return;
        }
        listed = result.output;
      }
      left.push(...stillPresent(listed ?? "").map((address) => `${applied.stack}: ${address}`));
    }
    this.record({
      step: "leftovers",
      ok: left.length === 0,
      seconds: (performance.now() - start) / 1000,
      ...(left.length > 0 ? { detail: `still in the emulator after destroy: ${left.slice(0, 8).join("; ")}${left.length > 8 ? ` (+${left.length - 8} more)` : ""}` } : {}),
    });
  }

  /** Where the stack's providers point: the emulator, with the provider release this run uses. */
  target(stack: { terraform: { required_providers: { aws: { version: string } } } }): EmulatorTarget {
    const release = providerRelease(this.context.providerSource, stack.terraform.required_providers.aws.version);
    if (release.note) this.context.note(release.note);
    return { endpoint: this.emulator.endpoint, ...(release.note ? { awsProviderVersion: release.version } : {}) };
  }

  /** The second plan must find nothing to do. */
  async replan(prefix: string, terraform: TerraformSteps): Promise<boolean> {
    const outcome = await terraform.step(`${prefix}replan`, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], [0]);
    if (outcome.result.code === 2) {
      const changes = plannedChanges(outcome.result.output);
      return this.record({ ...outcome, detail: `the second plan has changes: ${changes.slice(0, 5).join("; ")}${changes.length > 5 ? ` (+${changes.length - 5} more)` : ""}` });
    }
    return this.record(outcome);
  }

  async destroy(prefix: string, terraform: TerraformSteps): Promise<boolean> {
    return this.record(await terraform.step(`${prefix}destroy`, ["destroy", "-input=false", "-no-color", "-auto-approve"]));
  }

  result(): CaseResult {
    const failed = this.steps.find((step) => !step.ok);
    return {
      name: this.deployCase.name,
      description: this.deployCase.description,
      steps: this.steps,
      leftOut: this.leftOut,
      ok: failed === undefined,
      ...(failed ? { failure: `${failed.step}: ${failed.detail ?? "failed"} (logs in ${this.dir})` } : {}),
    };
  }
}

async function runStackCase(run: CaseRun, deployCase: StackCase): Promise<void> {
  const outdir = run.synth(deployCase.overrides);
  if (!outdir) return;
  const { workspace, terraform } = run.workspace(outdir, deployCase.stack, { backend: "local", allowDestroy: true });
  const deployed = await run.deploy("", workspace, terraform);
  if (deployed) await run.replan("", terraform);
  // Destroyed whatever happened before, so a failure leaves nothing behind for the next case.
  await run.destroy("", terraform);
  await run.checkLeftovers();
}

/** S3 through the emulator's path-style API; moto asks for no signature. */
class EmulatedBucket {
  constructor(
    private readonly endpoint: string,
    readonly name: string,
  ) {}

  async get(key: string): Promise<{ readonly status: number; readonly body: string }> {
    const response = await fetch(`${this.endpoint}/${this.name}/${key}`, { headers: emulatedS3Headers() });
    return { status: response.status, body: await response.text() };
  }

  /** Removes every version and delete marker, as a user must before the protected bucket can go. */
  async empty(): Promise<number> {
    const listing = await (await fetch(`${this.endpoint}/${this.name}?versions`, { headers: emulatedS3Headers() })).text();
    const entries = [...listing.matchAll(/<(?:Version|DeleteMarker)>([\s\S]*?)<\/(?:Version|DeleteMarker)>/g)].map((match) => ({
      key: /<Key>([^<]*)<\/Key>/.exec(match[1]!)?.[1] ?? "",
      versionId: /<VersionId>([^<]*)<\/VersionId>/.exec(match[1]!)?.[1] ?? "",
    }));
    for (const entry of entries) {
      await fetch(`${this.endpoint}/${this.name}/${entry.key}?versionId=${encodeURIComponent(entry.versionId)}`, { method: "DELETE", headers: emulatedS3Headers() });
    }
    return entries.length;
  }
}

async function runBootstrapCase(run: CaseRun, deployCase: BootstrapCase): Promise<void> {
  const firstOutdir = run.synth(deployCase.overrides, "synth");
  if (!firstOutdir) return;
  // The state stack exactly as synthesized: its state in a local file beside the project.
  const state = run.workspace(firstOutdir, "state", { backend: "synthesized", allowDestroy: true });
  if (!(await run.deploy("[state] ", state.workspace, state.terraform))) {
    await run.destroy("[state] ", state.terraform);
    await run.checkLeftovers();
    return;
  }
  const outputs = await state.terraform.run(["output", "-json"]);
  const snippet = JSON.parse(JSON.parse(outputs.output)["config-snippet"].value) as { state: { bucket: string } };
  const bucket = new EmulatedBucket(run.emulator.endpoint, snippet.state.bucket);
  const config = { ...deployCase.overrides, ...snippet };
  const outdir = run.synth(config, "synth with bucket");
  if (outdir) {
    const peering = run.workspace(outdir, "peering", { backend: "synthesized" });
    const backend = peering.workspace.stack["terraform"]["backend"]["s3"];
    const key = stateKey(DEFAULT_CONFIG, "peering");
    if (run.check("S3 backend", backend.bucket === bucket.name && backend.use_lockfile === true && backend.key === key, `backend ${JSON.stringify(backend)}`)) {
      const settingsFile = join(run.dir, "emulator.s3.tfbackend");
      writeFileSync(settingsFile, s3BackendSettings(run.emulator.endpoint));
      const deployed = await run.deploy("", peering.workspace, peering.terraform, [`-backend-config=${settingsFile}`], () => contendForLock(run, peering.terraform));
      if (deployed) {
        const object = await bucket.get(key);
        const resources = object.status === 200 ? ((JSON.parse(object.body) as { resources?: unknown[] }).resources ?? []) : [];
        run.check("state object", resources.length > 0, `s3://${bucket.name}/${key}: HTTP ${object.status}, ${resources.length} resources`);
        const lock = await bucket.get(`${key}.tflock`);
        run.check("lock released", lock.status === 404, `s3://${bucket.name}/${key}.tflock is still there after apply (HTTP ${lock.status})`);
        await run.replan("", peering.terraform);
      }
      await run.destroy("", peering.terraform);
      const lock = await bucket.get(`${key}.tflock`);
      run.check("lock released", lock.status === 404, `s3://${bucket.name}/${key}.tflock is still there after destroy (HTTP ${lock.status})`);
    }
  }
  await bucket.empty();
  await run.destroy("[state] ", state.terraform);
  await run.checkLeftovers();
}

/**
 * Once the apply has taken the lock and begun creating, a second plan must be refused
 * the lock rather than read a state that is being written.
 */
async function contendForLock(run: CaseRun, terraform: TerraformSteps): Promise<void> {
  const started = await waitForOutput(terraform, /Creating\.\.\./, 120_000);
  if (!started) {
    run.check("lock contention", false, "the apply never began creating, so the lock was not tried");
    return;
  }
  const second = await terraform.run(["plan", "-input=false", "-no-color", "-lock-timeout=0s"]);
  const refused = second.code === 1 && /Error acquiring the state lock/.test(second.output);
  run.record({
    step: "lock contention",
    ok: refused,
    seconds: second.seconds,
    ...(refused ? {} : { detail: `a plan during the apply was not refused the lock (exit ${second.code}): ${firstError(second.output) ?? "no error"}` }),
  });
}

/** Resolves true when the running command's log shows `pattern`, false after `timeoutMs`. */
async function waitForOutput(terraform: TerraformSteps, pattern: RegExp, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = readFileSync(terraform.log, "utf8");
    const lastApply = text.lastIndexOf("$ terraform apply");
    if (lastApply >= 0 && pattern.test(text.slice(lastApply))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

export async function runCase(deployCase: DeployCase, context: RunContext, emulator: Emulator): Promise<CaseResult> {
  const run = new CaseRun(deployCase, context, emulator);
  if (deployCase.kind === "bootstrap") await runBootstrapCase(run, deployCase);
  else await runStackCase(run, deployCase);
  return run.result();
}

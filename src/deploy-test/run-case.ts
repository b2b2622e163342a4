import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { synthesize } from "../app";
import { ConfigError } from "../config/errors";
import { deepMerge } from "../config/json-object";
import { readTerraformJson } from "../terraform-json/read";
import { PROVIDER_LOCK_FILE } from "../terraform-json/provider-lock";
import { GuardrailError } from "../guardrails/gate";
import { LimitError } from "../limits/report";
import { stateKey } from "../constructs/s3-backend";
import type { BootstrapCase, DeployCase, PlanCase, StackCase, ValidateCase } from "./cases";
import { emulatedS3Headers, type Emulator, type EmulatorResponse } from "./emulator";
import { deletedInRefresh, firstJsonError, managedResources, stillPresent } from "./leftovers";
import { firstError } from "../plan/first-error";
import { plannedChanges, TerraformSteps, type StepOutcome } from "./terraform-steps";
import { providerRelease, type ProviderSource } from "./toolchain";
import { emulatorOverride, OVERRIDE_FILE, prepareWorkspace, s3BackendSettings, STACK_FILE, type DroppedArgument, type EmulatorTarget, type LeftOut, type Workspace, type WorkspaceOptions } from "./workspace";
import { DEFAULT_CONFIG } from "../topologies/project-config";
import { emulatedDrift } from "./emulated-drift";
import { peeringRuleDrift, zoneAssociationDrift, type DriftSteps } from "./drift-scenarios";

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
  /** Arguments newer than the run's AWS provider release, left out of every step. */
  readonly droppedArguments: readonly DroppedArgument[];
  readonly ok: boolean;
  /** The first failure, with where its log is. */
  readonly failure?: string;
  /** Why the case did not run here. */
  readonly skipped?: string;
}

class CaseRun {
  readonly steps: StepOutcome[] = [];
  readonly leftOut: LeftOut[] = [];
  readonly droppedArguments: DroppedArgument[] = [];
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

  /** Terraform in `folder`, logging to `<logName>.log` in the case's folder. */
  terraformIn(folder: string, logName: string): TerraformSteps {
    return new TerraformSteps(this.context.terraformBinary, this.context.env, folder, join(this.dir, `${logName}.log`));
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

  /**
   * Synthesizes every stack of the app, as `cdktf synth` does, with the case's
   * configuration, into a folder of its own per label: a later synth must not rewrite
   * the folder of a stack that is still deployed from an earlier one.
   */
  synth(overrides: Record<string, unknown>, label = "synth"): string | undefined {
    const configFile = join(this.dir, `${label}.config.json`);
    writeFileSync(configFile, `${JSON.stringify(overrides, null, 2)}\n`);
    const outdir = join(this.dir, label === "synth" ? "cdktf.out" : `cdktf.out.${label.replace(/\W+/g, "-")}`);
    const start = performance.now();
    try {
      synthesize({ env: { PRIVNET_CONFIG: configFile }, outdir });
      this.record({ step: label, ok: true, seconds: (performance.now() - start) / 1000 });
      return outdir;
    } catch (error) {
      if (!(error instanceof ConfigError || error instanceof GuardrailError || error instanceof LimitError)) throw error;
      this.record({ step: label, ok: false, seconds: (performance.now() - start) / 1000, detail: error.message.split("\n").slice(0, 3).join(" ") });
      return undefined;
    }
  }

  /** `recordLeftOut: false` for a stack that is never applied, of which nothing is left out of an apply. */
  /** `logName`: the log of a second workspace of the same stack (default the stack's name). */
  workspace(outdir: string, stack: string, options: WorkspaceOptions, { recordLeftOut = true, logName = stack } = {}): { readonly workspace: Workspace; readonly terraform: TerraformSteps } {
    const folder = join(outdir, "stacks", stack);
    const workspace = prepareWorkspace(stack, folder, (json) => this.target(json), options);
    if (recordLeftOut) this.leftOut.push(...workspace.leftOut.map((item) => ({ ...item, address: `${stack}: ${item.address}` })));
    // A stack deployed from a second synth (the state bucket's removal) drops the same arguments again.
    const listed = new Set(this.droppedArguments.map((item) => `${item.address} ${item.attribute}`));
    this.droppedArguments.push(...workspace.droppedArguments.map((item) => ({ ...item, address: `${stack}: ${item.address}` })).filter((item) => !listed.has(`${item.address} ${item.attribute}`)));
    return { workspace, terraform: this.terraformIn(folder, logName) };
  }

  /**
   * init and apply, as `cdktf deploy --auto-approve` runs them: the apply plans first,
   * and planning validates the configuration as `terraform validate` does. Where the
   * emulator cannot serve part of the stack, the stack as synthesized is planned on its
   * own first, then applied without that part. Returns whether all passed.
   * `whileApplying` is handed a promise that says whether the apply began creating
   * (true) or ended first (false). `appliedState` reads the state the apply left,
   * wherever the stack's backend keeps it.
   */
  async deploy(
    prefix: string,
    workspace: Workspace,
    terraform: TerraformSteps,
    appliedState: () => Promise<string | undefined>,
    initArgs: readonly string[] = [],
    whileApplying?: (creating: Promise<boolean>) => Promise<void>,
  ): Promise<boolean> {
    const lockfile = workspace.locked ? ["-lockfile=readonly"] : [];
    if (!this.record(await terraform.step(`${prefix}init`, ["init", "-input=false", "-no-color", ...lockfile, ...initArgs]))) return false;
    if (workspace.leftOut.length > 0) {
      if (!this.record(await terraform.step(`${prefix}plan`, ["plan", "-input=false", "-no-color"]))) return false;
      workspace.useAppliedStack();
    }
    let began: (value: boolean) => void = () => undefined;
    const creating = new Promise<boolean>((resolve) => (began = resolve));
    const applying = terraform.step(`${prefix}apply`, ["apply", "-input=false", "-no-color", "-auto-approve"], [0], (text) => {
      if (text.includes("Creating...")) began(true);
    });
    void applying.then(() => began(false));
    if (whileApplying) await whileApplying(creating);
    const applied = this.record(await applying);
    // Kept even after a failed apply: what it did create must be gone after the destroy.
    const state = await appliedState();
    if (state !== undefined && state.trim().startsWith("{")) {
      const file = join(this.dir, `${workspace.name}.applied.tfstate`);
      writeFileSync(file, state);
      this.appliedStates.push({ stack: workspace.name, folder: workspace.folder, state: file });
    } else {
      this.check(`${prefix}applied state`, false, "the state after the apply could not be read, so its resources cannot be looked for after the destroy");
    }
    return applied;
  }

  /**
   * Nothing the case created may be left in the emulator after its destroys: a refresh
   * of each state as its apply left it must drop every resource in it. The stacks'
   * checks run side by side.
   */
  async checkLeftovers(): Promise<void> {
    await Promise.all([...new Set(this.appliedStates.map((applied) => applied.stack))].map((stack) => this.leftovers(stack === this.deployCase.stack ? "" : `[${stack}] `, stack)));
  }

  /**
   * The leftovers check of one stack's deployments, once they are destroyed. It runs in
   * a folder of its own, on the stack as applied, with its state in a local file and
   * the providers the stack's own init installed, so it needs no init of its own.
   */
  async leftovers(prefix: string, stackName: string): Promise<void> {
    const applied = this.appliedStates.filter((entry) => entry.stack === stackName);
    if (applied.length === 0) return;
    const start = performance.now();
    const left: string[] = [];
    const unchecked: string[] = [];
    for (const [index, entry] of applied.entries()) {
      const folder = join(this.dir, `${entry.stack}.leftovers${index > 0 ? `.${index}` : ""}`);
      mkdirSync(join(folder, ".terraform"), { recursive: true });
      const stack = readTerraformJson(join(entry.folder, STACK_FILE)) as unknown as Record<string, any>;
      // No backend block: the state is the local terraform.tfstate, which needs no init.
      delete stack["terraform"]?.["backend"];
      writeFileSync(join(folder, STACK_FILE), JSON.stringify(stack));
      writeFileSync(join(folder, OVERRIDE_FILE), JSON.stringify(emulatorOverride(stack, this.target(stack), { backend: "synthesized" })));
      copyFileSync(join(entry.folder, PROVIDER_LOCK_FILE), join(folder, PROVIDER_LOCK_FILE));
      rmSync(join(folder, ".terraform", "providers"), { force: true, recursive: true });
      symlinkSync(join(entry.folder, ".terraform", "providers"), join(folder, ".terraform", "providers"), "dir");
      copyFileSync(entry.state, join(folder, "terraform.tfstate"));
      const terraform = this.terraformIn(folder, `${entry.stack}.leftovers`);
      // A refresh-only plan reads every resource back; its machine-readable output
      // names each one the provider found gone (drift: delete).
      const refreshed = await terraform.run(["plan", "-refresh-only", "-json", "-input=false"]);
      if (refreshed.code !== 0) {
        unchecked.push(`could not refresh the applied ${entry.stack} state: ${firstJsonError(refreshed.output) ?? `exit ${refreshed.code}`}`);
        continue;
      }
      const gone = new Set(deletedInRefresh(refreshed.output));
      left.push(...stillPresent(readFileSync(entry.state, "utf8")).filter((address) => !gone.has(address)).map((address) => `${entry.stack}: ${address}`));
    }
    const problems = [...unchecked, ...(left.length > 0 ? [`still in the emulator after destroy: ${left.slice(0, 8).join("; ")}${left.length > 8 ? ` (+${left.length - 8} more)` : ""}`] : [])];
    this.record({ step: `${prefix}leftovers`, ok: problems.length === 0, seconds: (performance.now() - start) / 1000, ...(problems.length > 0 ? { detail: problems.join("; ") } : {}) });
  }

  /** Where the stack's providers point: the emulator, with the provider release this run uses. */
  target(stack: Record<string, any>): EmulatorTarget {
    const release = providerRelease(this.context.providerSource, String(stack["terraform"]?.["required_providers"]?.["aws"]?.["version"]));
    if (release.note) this.context.note(release.note);
    return { endpoint: this.emulator.endpoint, caBundle: this.emulator.caFile, ...(release.note ? { awsProviderVersion: release.version } : {}) };
  }

  /**
   * The second plan must find nothing to do. Where the stack has interface endpoints,
   * every one must also be available, as that plan read it back: accepted by its
   * service's owner where the service requires acceptance (the state still holds each
   * endpoint as it was when created).
   */
  async replan(prefix: string, workspace: Workspace, terraform: TerraformSteps): Promise<boolean> {
    const endpoints = workspace.appliedTypes.has("aws_vpc_endpoint");
    const outcome = await terraform.step(`${prefix}replan`, ["plan", "-input=false", "-no-color", "-detailed-exitcode", ...(endpoints ? ["-out=replan.tfplan"] : [])], [0]);
    if (endpoints && outcome.result.code !== 1) await this.endpointsAvailable(prefix, terraform);
    if (outcome.result.code === 2) {
      const changes = plannedChanges(outcome.result.output);
      return this.record({ ...outcome, detail: `the second plan has changes: ${changes.slice(0, 5).join("; ")}${changes.length > 5 ? ` (+${changes.length - 5} more)` : ""}` });
    }
    return this.record(outcome);
  }

  private async endpointsAvailable(prefix: string, terraform: TerraformSteps): Promise<void> {
    const shown = await terraform.run(["show", "-json", "-no-color", "replan.tfplan"]);
    const endpoints = shown.code === 0 ? managedResources({ values: JSON.parse(shown.output)["prior_state"]?.["values"] }).filter((r) => r.type === "aws_vpc_endpoint") : [];
    const waiting = endpoints.filter((r) => r.values["state"] !== "available").map((r) => `${r.address} is ${String(r.values["state"])}`);
    this.record({
      step: `${prefix}endpoints available`,
      ok: shown.code === 0 && endpoints.length > 0 && waiting.length === 0,
      seconds: shown.seconds,
      ...(shown.code === 0 && endpoints.length > 0 && waiting.length === 0
        ? {}
        : { detail: shown.code !== 0 ? `terraform show failed: ${firstError(shown.output)}` : waiting.join("; ") || "no endpoint in the plan's refreshed state" }),
    });
  }

  /**
   * Destroys what the state holds without reading it all back first: reading back is
   * the leftovers check's part, afterwards, against the state as the apply left it.
   */
  /**
   * The drift scenarios' view of a deployed stack: `npm run drift` on it, a deploy
   * again (whose state the leftovers check also covers), the out-of-band calls' target.
   */
  driftSteps(workspace: Workspace, terraform: TerraformSteps, appliedState: () => Promise<string | undefined>): DriftSteps {
    const region = String((workspace.stack["provider"]?.["aws"] as Record<string, unknown>[] | undefined)?.[0]?.["region"] ?? "ap-northeast-1");
    let redeploys = 0;
    return {
      emulator: this.emulator,
      region,
      check: (step, ok, detail) => this.check(step, ok, detail),
      appliedState,
      redeploy: async () => {
        const applied = this.record({ ...(await terraform.step("drift", ["apply", "-input=false", "-no-color", "-auto-approve"])), step: "drift" });
        const state = await appliedState();
        if (state !== undefined) {
          const file = join(this.dir, `${workspace.name}.redeployed-${(redeploys += 1)}.tfstate`);
          writeFileSync(file, state);
          this.appliedStates.push({ stack: workspace.name, folder: workspace.folder, state: file });
        }
        return applied;
      },
      drift: async () => {
        const result = await emulatedDrift(terraform, workspace, await appliedState());
        this.record({ step: "drift", ok: result.report !== undefined, seconds: result.seconds, ...(result.failure ? { detail: `drift: ${result.failure}` } : {}) });
        return result.report;
      },
    };
  }

  async destroy(prefix: string, terraform: TerraformSteps): Promise<boolean> {
    return this.record(await terraform.step(`${prefix}destroy`, ["destroy", "-input=false", "-no-color", "-auto-approve", "-refresh=false"]));
  }

  result(): CaseResult {
    const failed = this.steps.find((step) => !step.ok);
    return {
      name: this.deployCase.name,
      description: this.deployCase.description,
      steps: this.steps,
      leftOut: this.leftOut,
      droppedArguments: this.droppedArguments,
      ok: failed === undefined,
      ...(failed ? { failure: `${failed.step}: ${failed.detail ?? "failed"} (logs in ${this.dir})` } : {}),
    };
  }
}

/** The state a stack with a local backend keeps in a file: read as the apply left it. */
function localState(workspace: Workspace): () => Promise<string | undefined> {
  const local = workspace.stack["terraform"]?.["backend"]?.["local"] as { path?: string } | undefined;
  const file = resolve(workspace.folder, workspace.options.backend === "local" ? "terraform.tfstate" : (local?.path ?? "terraform.tfstate"));
  return async () => (existsSync(file) ? readFileSync(file, "utf8") : undefined);
}

async function runStackCase(run: CaseRun, deployCase: StackCase): Promise<void> {
  const outdir = run.synth(deployCase.overrides);
  if (!outdir) return;
  const { workspace, terraform } = run.workspace(outdir, deployCase.stack, { backend: "local", allowDestroy: true });
  if (await run.deploy("", workspace, terraform, localState(workspace)) && (await run.replan("", workspace, terraform)) && deployCase.drift !== undefined) {
    const steps = run.driftSteps(workspace, terraform, localState(workspace));
    await (deployCase.drift === "peering-rules" ? peeringRuleDrift(steps) : zoneAssociationDrift(steps));
  }
  // Destroyed whatever happened before, so a failure leaves nothing behind for the next case.
  await run.destroy("", terraform);
  await run.checkLeftovers();
}

/** S3 through the emulator's path-style API; moto asks for no signature. */
class EmulatedBucket {
  constructor(
    private readonly emulator: Emulator,
    readonly name: string,
  ) {}

  /** An object, over TLS unless `plain`: the listener without TLS shares the emulator's backends. */
  get(key: string, plain = false): Promise<EmulatorResponse> {
    return this.emulator.request(`/${this.name}/${key}`, { headers: emulatedS3Headers(), plain });
  }

  /** Removes every version and delete marker, as a user must before the protected bucket can go; answers what could not be removed. */
  async empty(): Promise<string[]> {
    const listing = (await this.emulator.request(`/${this.name}?versions`, { headers: emulatedS3Headers() })).body;
    const entries = [...listing.matchAll(/<(?:Version|DeleteMarker)>([\s\S]*?)<\/(?:Version|DeleteMarker)>/g)].map((match) => ({
      key: /<Key>([^<]*)<\/Key>/.exec(match[1]!)?.[1] ?? "",
      versionId: /<VersionId>([^<]*)<\/VersionId>/.exec(match[1]!)?.[1] ?? "",
    }));
    const failed: string[] = [];
    for (const entry of entries) {
      const response = await this.emulator.request(`/${this.name}/${entry.key}?versionId=${encodeURIComponent(entry.versionId)}`, { method: "DELETE", headers: emulatedS3Headers() });
      if (response.status < 200 || response.status > 299) failed.push(`${entry.key} ${entry.versionId} (HTTP ${response.status})`);
    }
    return failed;
  }
}

async function runBootstrapCase(run: CaseRun, deployCase: BootstrapCase): Promise<void> {
  const firstOutdir = run.synth(deployCase.overrides, "synth");
  if (!firstOutdir) return;
  // The state stack exactly as synthesized: its state in a local file beside the project.
  const state = run.workspace(firstOutdir, "state", { backend: "synthesized", allowDestroy: true });
  const removeState = async (readBack?: Promise<unknown>) => {
    await readBack;
    await run.destroy("[state] ", state.terraform);
    await run.leftovers("[state] ", "state");
  };
  if (!(await run.deploy("[state] ", state.workspace, state.terraform, localState(state.workspace)))) return removeState();
  // Read back while peering deploys: the second plan of `state` takes only the lock of
  // its own local state, which nothing else here touches. Its own log, as it runs
  // beside the output command.
  const readBack = run.terraformIn(state.workspace.folder, "state.replan");
  const stateReadBack = run.replan("[state] ", state.workspace, readBack);
  const snippet = await configSnippet(state.terraform);
  if (typeof snippet === "string") {
    run.check("config-snippet", false, snippet);
    return removeState(stateReadBack);
  }
  const bucket = new EmulatedBucket(run.emulator, snippet.state.bucket);
  // Merged as `npm run config -- merge` merges it in the quick start.
  const config = deepMerge(deployCase.overrides, snippet);
  const outdir = run.synth(config, "synth with bucket");
  let peeringGone: Promise<void> = Promise.resolve();
  if (outdir) {
    const peering = run.workspace(outdir, "peering", { backend: "synthesized" });
    const backend = peering.workspace.stack["terraform"]["backend"]["s3"];
    const key = stateKey(DEFAULT_CONFIG, "peering");
    if (run.check("S3 backend", backend.bucket === bucket.name && backend.use_lockfile === true && backend.key === key, `backend ${JSON.stringify(backend)}`)) {
      const settingsFile = join(run.dir, "emulator.s3.tfbackend");
      writeFileSync(settingsFile, s3BackendSettings(run.emulator.endpoint, run.emulator.caFile));
      const inBucket = async () => {
        const object = await bucket.get(key);
        return object.status === 200 ? object.body : undefined;
      };
      const deployed = await run.deploy("", peering.workspace, peering.terraform, inBucket, [`-backend-config=${settingsFile}`], (creating) => contendForLock(run, peering.terraform, bucket, key, creating));
      if (deployed) {
        const object = await bucket.get(key);
        const resources = object.status === 200 ? ((JSON.parse(object.body) as { resources?: unknown[] }).resources ?? []) : [];
        run.check("state object", resources.length > 0, `s3://${bucket.name}/${key}: HTTP ${object.status}, ${resources.length} resources`);
        // The same request without TLS, to the same backends: the bucket's policy as
        // deployed must refuse it, judged by the connection alone.
        const plain = await bucket.get(key, true);
        run.check("plain HTTP refused", object.status === 200 && plain.status === 403, `s3://${bucket.name}/${key} over plain HTTP: HTTP ${plain.status} (over TLS: HTTP ${object.status}); the state bucket's policy must refuse a request that is not over TLS (403)`);
        const lock = await bucket.get(`${key}.tflock`);
        run.check("lock released", lock.status === 404, `s3://${bucket.name}/${key}.tflock is still there after apply (HTTP ${lock.status})`);
        await run.replan("", peering.workspace, peering.terraform);
      }
      await run.destroy("", peering.terraform);
      // Looked for while the bucket is emptied and `state` destroyed.
      peeringGone = run.leftovers("", "peering");
      const lock = await bucket.get(`${key}.tflock`);
      run.check("lock released", lock.status === 404, `s3://${bucket.name}/${key}.tflock is still there after destroy (HTTP ${lock.status})`);
    }
  }
  await Promise.all([removeBucketAsDocumented(run, config, bucket, stateReadBack, removeState), peeringGone]);
}

/**
 * The state README's removal procedure, as a user follows it: `state.preventDestroy`
 * false in the configuration, a deploy that records `force_destroy`, and a destroy in
 * which Terraform empties the versioned bucket (the peering state's versions are still
 * in it). Where that fails, the bucket is emptied and removed the harness's way, so the
 * run leaves nothing behind.
 */
async function removeBucketAsDocumented(run: CaseRun, config: Record<string, unknown>, bucket: EmulatedBucket, stateReadBack: Promise<unknown>, removeState: () => Promise<void>): Promise<void> {
  await stateReadBack;
  const outdir = run.synth(deepMerge(config, { state: { preventDestroy: false } }), "synth, protection lifted");
  if (outdir) {
    const lifted = run.workspace(outdir, "state", { backend: "synthesized" }, { logName: "state.removal" });
    const forceDestroy = Object.values((lifted.workspace.stack["resource"]?.["aws_s3_bucket"] ?? {}) as Record<string, { force_destroy?: boolean; lifecycle?: { prevent_destroy?: boolean } }>);
    const lifts = run.check("protection lifted", forceDestroy.length === 1 && forceDestroy[0]!.force_destroy === true && forceDestroy[0]!.lifecycle?.prevent_destroy !== true, `the state bucket with state.preventDestroy false: ${JSON.stringify(forceDestroy)}`);
    if (lifts && (await run.deploy("[state-removal] ", lifted.workspace, lifted.terraform, localState(lifted.workspace))) && (await run.destroy("[state-removal] ", lifted.terraform))) {
      await run.leftovers("[state-removal] ", "state");
      return;
    }
  }
  const notRemoved = await bucket.empty();
  run.check("bucket emptied", notRemoved.length === 0, `versions left in s3://${bucket.name}: ${notRemoved.join(", ")}`);
  await removeState();
}

/** The `state` stack's `config-snippet` output, parsed, or why it could not be. */
async function configSnippet(terraform: TerraformSteps): Promise<{ state: { bucket: string } } | string> {
  const outputs = await terraform.run(["output", "-json"]);
  try {
    const snippet = JSON.parse(JSON.parse(outputs.output)["config-snippet"].value) as { state?: { bucket?: unknown } };
    if (typeof snippet.state?.bucket === "string" && snippet.state.bucket !== "") return snippet as { state: { bucket: string } };
    return `config-snippet names no bucket: ${JSON.stringify(snippet)}`;
  } catch (error) {
    return `the state stack's config-snippet output could not be read (exit ${outputs.code}): ${(error as Error).message}`;
  }
}

/**
 * While the apply holds the lock (its lock object is in the bucket), a second plan must
 * be refused that lock, by name, rather than read a state that is being written.
 */
async function contendForLock(run: CaseRun, terraform: TerraformSteps, bucket: EmulatedBucket, key: string, creating: Promise<boolean>): Promise<void> {
  if (!(await creating)) {
    run.check("lock contention", false, "the apply ended before it began creating, so the lock was not contended for");
    return;
  }
  const lock = await bucket.get(`${key}.tflock`);
  let lockId: string | undefined;
  try {
    lockId = (JSON.parse(lock.body) as { ID?: string }).ID;
  } catch {
    lockId = undefined;
  }
  if (!run.check("lock held", lock.status === 200 && lockId !== undefined, `no lock object s3://${bucket.name}/${key}.tflock while the apply runs (HTTP ${lock.status})`)) return;
  const second = await terraform.run(["plan", "-input=false", "-no-color", "-lock-timeout=0s"]);
  const refused = second.code === 1 && /Error acquiring the state lock/.test(second.output) && second.output.includes(lockId!);
  run.record({
    step: "lock contention",
    ok: refused,
    seconds: second.seconds,
    ...(refused ? {} : { detail: `a plan during the apply was not refused the apply's lock ${lockId} (exit ${second.code}): ${firstError(second.output) ?? "no error"}` }),
  });
}

async function runValidateCase(run: CaseRun, deployCase: ValidateCase): Promise<void> {
  const outdir = run.synth(deployCase.overrides);
  if (!outdir) return;
  const { terraform } = run.workspace(outdir, deployCase.stack, { backend: "local" });
  if (run.record(await terraform.step("init", ["init", "-input=false", "-no-color"]))) run.record(await terraform.step("validate", ["validate", "-no-color"]));
}

async function runPlanCase(run: CaseRun, deployCase: PlanCase): Promise<void> {
  const outdir = run.synth(deployCase.overrides);
  if (!outdir) return;
  const { workspace, terraform } = run.workspace(outdir, deployCase.stack, { backend: "local" }, { recordLeftOut: false });
  const lockfile = workspace.locked ? ["-lockfile=readonly"] : [];
  if (run.record(await terraform.step("init", ["init", "-input=false", "-no-color", ...lockfile]))) run.record(await terraform.step("plan", ["plan", "-input=false", "-no-color"]));
}

export async function runCase(deployCase: DeployCase, context: RunContext, emulator: Emulator): Promise<CaseResult> {
  if (deployCase.kind === "validate" && context.providerSource.kind === "mirror") {
    const skipped = `its providers come only from the registry (the AWS provider comes from ${context.providerSource.folder} here); ${deployCase.onlyValidated}`;
    return { name: deployCase.name, description: deployCase.description, steps: [], leftOut: [], droppedArguments: [], ok: true, skipped };
  }
  const run = new CaseRun(deployCase, context, emulator);
  if (deployCase.kind === "bootstrap") await runBootstrapCase(run, deployCase);
  else if (deployCase.kind === "validate") await runValidateCase(run, deployCase);
  else if (deployCase.kind === "plan") await runPlanCase(run, deployCase);
  else await runStackCase(run, deployCase);
  return run.result();
}

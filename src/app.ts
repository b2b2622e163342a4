import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { App } from "cdktf";
import { ConfigError } from "./config/errors";
import { assertGuardrails } from "./guardrails/gate";
import { countLimits, isAcrossStacks } from "./limits/count-limits";
import { formatLimitFinding, LimitError } from "./limits/report";
import { currentCdktfCommand, namesStack, type CdktfCommand } from "./config/cdktf-command";
import { synthWarnings, type StackWarning } from "./synth-warnings";
import type { LoadOptions } from "./config/load";
import { loadConfig, type ProjectConfig } from "./topologies/project-config";
import { STACK_NAMES, TOPOLOGIES, topologyOf } from "./topologies/registry";
import { DECLARED_FLOWS_FILE } from "./reachability/flows";
import { lockForStack, PROVIDER_LOCK_FILE, readProviderLock, requiredProvidersOf, WRITTEN_BY_SYNTH } from "./terraform-json/provider-lock";
import { readSynthesizedStacks, type SynthesizedStack } from "./terraform-json/synthesized-stacks";
import { projectRoot } from "./config/project-file";

export interface BuildAppOptions {
  readonly config: ProjectConfig;
  /** Where synth writes. Default: cdktf's (`cdktf.out`, or `CDKTF_OUTDIR` from the CLI). */
  readonly outdir?: string;
}

/** Builds every stack from an already validated configuration. */
export function buildApp(options: BuildAppOptions): App {
  const app = new App(options.outdir === undefined ? {} : { outdir: options.outdir });
  for (const topology of TOPOLOGIES) {
    topology.build(app, options.config);
  }
  return app;
}

/** Where synth writes when not told: the CLI's `CDKTF_OUTDIR`, else `cdktf.out`, as cdktf's App decides. */
export function defaultOutdir(): string {
  return process.env["CDKTF_OUTDIR"] ?? "cdktf.out";
}

/** Position in the registry; the manifest lists stacks alphabetically, reports follow the articles. */
function articleOrder(stack: SynthesizedStack): number {
  const index = (STACK_NAMES as readonly string[]).indexOf(stack.name);
  return index < 0 ? STACK_NAMES.length : index;
}

/** Synthesizes every stack into a scratch folder, hands over the folder and what was written (in article order), then removes it. */
function inScratchFolder<T>(config: ProjectConfig, use: (folder: string, stacks: SynthesizedStack[]) => T): T {
  const folder = mkdtempSync(join(tmpdir(), "privnet-synth-"));
  try {
    buildApp({ config, outdir: folder }).synth();
    return use(folder, readSynthesizedStacks(folder).sort((a, b) => articleOrder(a) - articleOrder(b)));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every stack's Terraform JSON exactly as `cdktf synth` writes it, without writing anything to keep. */
export function synthesizeStacks(config: ProjectConfig): SynthesizedStack[] {
  return inScratchFolder(config, (_folder, stacks) => stacks);
}

/** A quota the stacks pass by default: which stacks, whether only together, and what to do. */
export interface LimitWarning {
  readonly stacks: readonly string[];
  readonly acrossStacks: boolean;
  readonly message: string;
}

/**
 * Adds warnings to the stacks' annotations in the synth manifest, which is where the
 * cdktf CLI reads the warnings it prints after synth, diff and deploy; what the app
 * writes to stderr, cdktf prints as errors.
 */
function warnInManifest(folder: string, warnings: readonly StackWarning[]): void {
  if (warnings.length === 0) return;
  const path = join(folder, "manifest.json");
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { stacks: Record<string, { annotations?: unknown[] }> };
  for (const { stack, message } of warnings) {
    const entry = manifest.stacks[stack];
    if (entry) entry.annotations = [...(entry.annotations ?? []), { constructPath: stack, level: "@cdktf/warn", message }];
  }
  writeFileSync(path, JSON.stringify(manifest, null, 2));
}

/**
 * Loads and validates the configuration, synthesizes into a scratch folder, checks
 * every stack against the guardrails and AWS's limits, and only then copies the
 * result into `outdir`. A bad configuration throws before the App exists, and a
 * guardrail violation or a limit AWS cannot raise throws before the copy, so none
 * writes anything; files already in `outdir` (a stack's `.terraform`) stay, as with
 * cdktf's own synth. Each stack's folder gets its part of the committed provider lock.
 */
export interface SynthesizeOptions extends LoadOptions {
  readonly outdir?: string;
  /** The committed provider lock. Default: `.terraform.lock.hcl` in the project folder. */
  readonly providerLock?: string;
  /** What cdktf was asked to do. Default: read from the processes that started this one. */
  readonly cdktfCommand?: CdktfCommand;
}

export interface SynthesizeResult {
  /** A warning for each quota the stacks pass by default. */
  readonly warnings: readonly LimitWarning[];
  /** What cdktf prints after synth, one line per cause (src/synth-warnings.ts). */
  readonly stackWarnings: readonly StackWarning[];
  /** Stacks whose providers the committed lock does not hold: their folders get no lock file. */
  readonly unlocked: readonly string[];
  readonly lockWarning?: string;
}

export function synthesize(options: SynthesizeOptions = {}): SynthesizeResult {
  const config = loadConfig(options);
  const command = options.cdktfCommand ?? currentCdktfCommand();
  // cdktf itself names an unknown stack only after the app has written every stack.
  const unknown = (command?.stacks ?? []).filter((pattern) => !STACK_NAMES.some((name) => namesStack(pattern, name)));
  if (command !== undefined && unknown.length > 0) {
    throw new ConfigError(
      unknown.map((pattern) => ({ key: `cdktf ${command.name}`, value: pattern, rule: `names no stack of this app; the stacks are ${STACK_NAMES.join(", ")}` })),
      "cdktf CLI",
    );
  }
  if (process.env["SYNTH_HCL_OUTPUT"] === "true") {
    throw new ConfigError(
      [{ key: "SYNTH_HCL_OUTPUT", value: "true", rule: "cdktf synth --hcl is not supported: the guardrails and npm run verify read each stack's JSON; synthesize without --hcl" }],
      "cdktf CLI",
    );
  }
  return inScratchFolder(config, (folder, stacks) => {
    assertGuardrails(stacks);
    const limits = countLimits(stacks);
    const refused = limits.filter((finding) => finding.refused);
    if (refused.length > 0) {
      throw new LimitError(refused);
    }
    const warnings = limits.map((finding) => ({ stacks: finding.stacks, acrossStacks: isAcrossStacks(finding), message: formatLimitFinding(finding) }));
    const locks = lockStacks(stacks, options.providerLock ?? join(projectRoot(), PROVIDER_LOCK_FILE));
    writeDeclaredFlows(stacks, config);
    const stackWarnings = synthWarnings({ config, limits, unlocked: { stacks: locks.unlocked, missing: locks.missing }, ...(command === undefined ? {} : { command }) });
    warnInManifest(folder, stackWarnings);
    const lockWarning = locks.unlocked.length === 0 ? undefined : stackWarnings.find((warning) => warning.message.startsWith(PROVIDER_LOCK_FILE))?.message;
    const outdir = options.outdir ?? defaultOutdir();
    // Created first, so that it gets the usual mode rather than the scratch folder's 0700.
    mkdirSync(outdir, { recursive: true });
    cpSync(folder, outdir, { recursive: true });
    // Synth's copy from an earlier committed lock may name releases the stack no longer pins (a provider bump not
    // locked yet), which init would refuse; a lock terraform init wrote there is its own and stays.
    for (const stack of stacks.filter((candidate) => locks.unlocked.includes(candidate.name))) {
      const lockFile = join(outdir, relative(folder, dirname(stack.path)), PROVIDER_LOCK_FILE);
      if (existsSync(lockFile) && readFileSync(lockFile, "utf8").includes(WRITTEN_BY_SYNTH)) rmSync(lockFile);
    }
    return { warnings, stackWarnings, unlocked: locks.unlocked, ...(lockWarning === undefined ? {} : { lockWarning }) };
  });
}

/**
 * Beside each stack, the flows it declares at this configuration: a review of two synth
 * outputs then knows which flows each side meant, without the code or configuration
 * that made them.
 */
function writeDeclaredFlows(stacks: readonly SynthesizedStack[], config: ProjectConfig): void {
  for (const stack of stacks) {
    const topology = topologyOf(stack.name);
    if (topology !== undefined) writeFileSync(join(dirname(stack.path), DECLARED_FLOWS_FILE), `${JSON.stringify(topology.flows(config), null, 2)}\n`);
  }
}

/**
 * Gives each stack's folder the committed lock's blocks of the providers it requires,
 * so that `cdktf deploy` and `npm run plan` install exactly the builds the lock names
 * (cdktf then skips its own `terraform providers lock`, which records linux_amd64
 * only). Answers the stacks the lock does not cover, and what it lacks for them.
 */
function lockStacks(stacks: readonly SynthesizedStack[], lockFile: string): { readonly unlocked: string[]; readonly missing: string[] } {
  const locked = readProviderLock(lockFile);
  const unlocked: string[] = [];
  const missing = new Set<string>();
  for (const stack of stacks) {
    const lock = lockForStack(locked, requiredProvidersOf(stack.json));
    if (lock.ok) {
      writeFileSync(join(dirname(stack.path), PROVIDER_LOCK_FILE), lock.text);
    } else {
      unlocked.push(stack.name);
      lock.missing.forEach((provider) => missing.add(provider));
    }
  }
  return { unlocked, missing: [...missing] };
}

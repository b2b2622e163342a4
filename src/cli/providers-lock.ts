import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeStacks } from "../app";
import { terraformOnPath, type TerraformRunner } from "../plan/terraform-cli";
import { lockForStack, PROVIDER_LOCK_FILE, readProviderLock, requiredProvidersOf, type RequiredProvider } from "../terraform-json/provider-lock";
import { DEFAULT_CONFIG } from "../topologies/project-config";
import type { Writer } from "../writer";
import { EXIT } from "./subcommand";

/** The platforms whose builds the committed lock vouches for: the machines that run cdktf here and in CI. */
export const LOCK_PLATFORMS = ["linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64"] as const;

/**
 * Every provider a stack may require, each at its pinned release: the union over the
 * stacks at the defaults, which use every provider the app has (the `http` provider
 * only looks up the operator's address, and only when no address is configured).
 */
export function projectProviders(): RequiredProvider[] {
  const all = new Map<string, RequiredProvider>();
  for (const stack of synthesizeStacks(DEFAULT_CONFIG)) {
    for (const provider of requiredProvidersOf(stack.json)) all.set(`${provider.address} ${provider.version}`, provider);
  }
  return [...all.values()].sort((a, b) => a.address.localeCompare(b.address));
}

export interface WriteProviderLockOptions {
  readonly providers: readonly RequiredProvider[];
  readonly platforms: readonly string[];
  /** A filesystem mirror to take the builds from, instead of their registry. */
  readonly fsMirror?: string;
  readonly into: string;
  readonly terraform: TerraformRunner;
}

/**
 * `terraform providers lock` for exactly these providers and platforms, in a scratch
 * folder that requires nothing else, copied to `into`. Terraform records each build's
 * checksums as the registry (or the mirror) serves them and checks the registry's
 * signature on them; nothing here computes a hash.
 */
export function writeProviderLock(options: WriteProviderLockOptions): { readonly ok: true } | { readonly ok: false; readonly output: string } {
  const folder = mkdtempSync(join(tmpdir(), "privnet-lock-"));
  try {
    const required = Object.fromEntries(
      options.providers.map((provider) => [provider.address.split("/").at(-1)!, { source: provider.address, version: provider.version }]),
    );
    writeFileSync(join(folder, "providers.tf.json"), `${JSON.stringify({ terraform: { required_providers: required } }, null, 2)}\n`);
    const args = ["providers", "lock", "-no-color", ...options.platforms.map((platform) => `-platform=${platform}`), ...(options.fsMirror ? [`-fs-mirror=${options.fsMirror}`] : [])];
    const result = options.terraform(args, folder);
    if (result.status !== 0) {
      return { ok: false, output: [result.stdout, result.stderr].join("\n").trim() || (result.startError?.message ?? `exit status ${String(result.status)}`) };
    }
    copyFileSync(join(folder, PROVIDER_LOCK_FILE), options.into);
    return { ok: true };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface RunProvidersLockOptions {
  readonly args: readonly string[];
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly terraform?: TerraformRunner;
  /** Default: every provider the stacks require, at its pin. */
  readonly providers?: readonly RequiredProvider[];
}

/**
 * `npm run providers:lock [-- --check] [--fs-mirror <dir>]`: writes the project's
 * provider lock, or with `--check` says, offline, whether the committed one holds every
 * pinned provider.
 */
export function runProvidersLock(options: RunProvidersLockOptions): number {
  let check = false;
  let fsMirror: string | undefined;
  for (let index = 0; index < options.args.length; index += 1) {
    const arg = options.args[index]!;
    if (arg === "--check") {
      check = true;
    } else if (arg === "--fs-mirror" && options.args[index + 1] !== undefined && !options.args[index + 1]!.startsWith("-")) {
      fsMirror = options.args[(index += 1)];
    } else {
      options.stderr.write(`providers-lock: ${arg === "--fs-mirror" ? "--fs-mirror needs a folder" : `unknown argument ${arg}`}; run it with --help for its usage\n`);
      return EXIT.cannotRun;
    }
  }
  const file = join(options.projectDir, PROVIDER_LOCK_FILE);
  const providers = options.providers ?? projectProviders();
  const named = providers.map((provider) => `${provider.address} ${provider.version}`).join(", ");
  if (check) {
    const lock = lockForStack(readProviderLock(file), providers);
    if (!lock.ok) {
      options.stderr.write(`${PROVIDER_LOCK_FILE} does not hold ${lock.missing.join(", ")}: run npm run providers:lock where the Terraform registry is reachable, and commit the file.\n`);
      return EXIT.finding;
    }
    options.stdout.write(`${PROVIDER_LOCK_FILE} holds every pinned provider: ${named}\n`);
    return EXIT.ok;
  }
  const result = writeProviderLock({ providers, platforms: LOCK_PLATFORMS, ...(fsMirror ? { fsMirror } : {}), into: file, terraform: options.terraform ?? terraformOnPath(options.env) });
  if (!result.ok) {
    options.stderr.write(`${result.output}\n\nproviders-lock: terraform providers lock failed; it needs Terraform and the registry (or --fs-mirror with every platform's build).\n`);
    return EXIT.cannotRun;
  }
  options.stdout.write(`wrote ${file}: ${named}, for ${LOCK_PLATFORMS.join(", ")}\n`);
  return EXIT.ok;
}

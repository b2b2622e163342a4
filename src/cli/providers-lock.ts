import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeStacks } from "../app";
import { terraformOnPath, type TerraformRunner } from "../plan/terraform-cli";
import { hashesOf, lockFileText, lockForStack, lockProblems, parseProviderLock, PROVIDER_LOCK_FILE, readProviderLock, requiredProvidersOf, type LockedProvider, type RequiredProvider } from "../terraform-json/provider-lock";
import { DEFAULT_CONFIG } from "../topologies/project-config";
import type { Writer } from "../writer";
import { EXIT } from "./subcommand";

/** The platform where the workflows run `init -lockfile=readonly`, which needs its build's own checksum. */
export const READONLY_PLATFORM = "linux_amd64";

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

/** The platforms a provider's release is built for, e.g. `linux_amd64`. */
export type PlatformsOf = (provider: RequiredProvider) => Promise<string[]>;

type FetchJson = (url: string) => Promise<unknown>;

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * What the registry builds the release for, from its versions API: every platform, so
 * that the lock can check a download anywhere, and so that it equals the public lock
 * files its checksums were compared with.
 */
export function registryPlatforms(get: FetchJson = fetchJson): PlatformsOf {
  return async (provider) => {
    const [host, namespace, type] = provider.address.split("/");
    const url = `https://${host}/v1/providers/${namespace}/${type}/versions`;
    const listing = (await get(url).catch((error: Error) => {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
      throw new Error(`the registry's list of ${provider.address} builds (${url}) could not be read: ${error.message}${cause}`);
    })) as { versions?: { version: string; platforms?: { os: string; arch: string }[] }[] };
    const release = listing.versions?.find((entry) => entry.version === provider.version);
    if (!release?.platforms?.length) throw new Error(`the registry lists no builds of ${provider.address} ${provider.version}`);
    return release.platforms.map((platform) => `${platform.os}_${platform.arch}`).sort();
  };
}

/** What a filesystem mirror holds of the release, unpacked (`<version>/<os>_<arch>/`) or packed (`..._<os>_<arch>.zip`). */
export function mirrorPlatforms(folder: string): PlatformsOf {
  return async (provider) => {
    const root = join(folder, ...provider.address.split("/"));
    const type = provider.address.split("/").at(-1)!;
    const unpacked = existsSync(join(root, provider.version)) ? readdirSync(join(root, provider.version)) : [];
    const packedPrefix = `terraform-provider-${type}_${provider.version}_`;
    const packed = existsSync(root) ? readdirSync(root).filter((name) => name.startsWith(packedPrefix) && name.endsWith(".zip")).map((name) => name.slice(packedPrefix.length, -".zip".length)) : [];
    return [...new Set([...unpacked, ...packed])].filter((platform) => /^[a-z0-9]+_[a-z0-9]+$/.test(platform)).sort();
  };
}

export interface MakeProviderLockOptions {
  readonly providers: readonly RequiredProvider[];
  readonly platformsOf: PlatformsOf;
  /** A filesystem mirror to take the builds from, instead of their registry. */
  readonly fsMirror?: string;
  readonly terraform: TerraformRunner;
}

type Made = { readonly ok: true; readonly blocks: LockedProvider[] } | { readonly ok: false; readonly output: string };

/**
 * `terraform providers lock` for one provider and its platforms, in a scratch folder
 * that requires nothing else. Terraform records the checksums as the registry (or the
 * mirror) serves them and checks the registry's signature; nothing here computes one.
 */
function lockOne(provider: RequiredProvider, platforms: readonly string[], options: MakeProviderLockOptions): Made {
  const folder = mkdtempSync(join(tmpdir(), "privnet-lock-"));
  try {
    const name = provider.address.split("/").at(-1)!;
    writeFileSync(join(folder, "providers.tf.json"), `${JSON.stringify({ terraform: { required_providers: { [name]: { source: provider.address, version: provider.version } } } }, null, 2)}\n`);
    const args = ["providers", "lock", "-no-color", ...platforms.map((platform) => `-platform=${platform}`), ...(options.fsMirror ? [`-fs-mirror=${options.fsMirror}`] : [])];
    const result = options.terraform(args, folder);
    if (result.status !== 0) {
      return { ok: false, output: [result.stdout, result.stderr].join("\n").trim() || (result.startError?.message ?? `exit status ${String(result.status)}`) };
    }
    return { ok: true, blocks: parseProviderLock(readFileSync(join(folder, PROVIDER_LOCK_FILE), "utf8")) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The lock of every provider for every platform its release is built for; one Terraform run per provider, as their platforms differ. */
export async function makeProviderLock(options: MakeProviderLockOptions): Promise<Made> {
  const blocks: LockedProvider[] = [];
  for (const provider of options.providers) {
    const platforms = await options.platformsOf(provider);
    if (platforms.length === 0) return { ok: false, output: `no build of ${provider.address} ${provider.version} to lock${options.fsMirror ? ` in ${options.fsMirror}` : ""}` };
    const made = lockOne(provider, platforms, options);
    if (!made.ok) return made;
    blocks.push(...made.blocks);
  }
  return { ok: true, blocks };
}

export interface RunProvidersLockOptions {
  /** Offline: say only whether the committed lock holds every pin. */
  readonly check?: boolean;
  /** Make the lock again and compare the committed one with it, writing nothing. */
  readonly verify?: boolean;
  /** A filesystem mirror to take the builds from, instead of their registry. */
  readonly fsMirror?: string;
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly terraform?: TerraformRunner;
  /** Default: every provider the stacks require, at its pin. */
  readonly providers?: readonly RequiredProvider[];
  /** Default: the registry's versions API, or the mirror's folders with --fs-mirror. */
  readonly platformsOf?: PlatformsOf;
}

/**
 * `npm run providers:lock [-- --check | --verify] [--fs-mirror <dir>]`: writes the
 * project's provider lock; `--check` says offline whether the committed one holds
 * every pin; `--verify` makes the lock again and says whether the committed one holds
 * only checksums the registry serves, and every one a platform needs.
 */
export async function runProvidersLock(options: RunProvidersLockOptions): Promise<number> {
  const parsed = { check: options.check ?? false, verify: options.verify ?? false, fsMirror: options.fsMirror };
  if (parsed.check && parsed.verify) {
    options.stderr.write("providers-lock: --check and --verify do not go together; run it with --help for its usage\n");
    return EXIT.cannotRun;
  }
  const file = join(options.projectDir, PROVIDER_LOCK_FILE);
  const providers = options.providers ?? projectProviders();
  const named = providers.map((provider) => `${provider.address} ${provider.version}`).join(", ");
  if (parsed.check) {
    const lock = lockForStack(readProviderLock(file), providers);
    if (!lock.ok) {
      options.stderr.write(`${PROVIDER_LOCK_FILE} does not hold ${lock.missing.join(", ")}: run the Provider lock workflow (or npm run providers:lock where the Terraform registry is reachable), and commit the file.\n`);
      return EXIT.finding;
    }
    options.stdout.write(`${PROVIDER_LOCK_FILE} holds every pinned provider: ${named}\n`);
    return EXIT.ok;
  }
  const terraform = options.terraform ?? terraformOnPath(options.env);
  const platformsOf = options.platformsOf ?? (parsed.fsMirror ? mirrorPlatforms(parsed.fsMirror) : registryPlatforms());
  const source = parsed.fsMirror ? { fsMirror: parsed.fsMirror } : {};
  let made: Made;
  let readonlyMade: Made = { ok: true, blocks: [] };
  try {
    made = await makeProviderLock({ providers, platformsOf, terraform, ...source });
    if (made.ok && parsed.verify) readonlyMade = await makeProviderLock({ providers, platformsOf: async () => [READONLY_PLATFORM], terraform, ...source });
  } catch (error) {
    made = { ok: false, output: (error as Error).message };
  }
  if (!made.ok || !readonlyMade.ok) {
    const output = made.ok ? (readonlyMade as { readonly output: string }).output : made.output;
    options.stderr.write(`${output}\n\nproviders-lock: the lock could not be made; it needs the Terraform registry and Terraform (or --fs-mirror holding the builds).\n`);
    return EXIT.cannotRun;
  }
  if (parsed.verify) {
    const readonlyH1 = new Map(readonlyMade.blocks.map((block) => [block.address, hashesOf(block).filter((hash) => hash.startsWith("h1:"))]));
    const problems = lockProblems(readProviderLock(file), made.blocks, readonlyH1);
    if (problems.length > 0) {
      options.stderr.write(`${PROVIDER_LOCK_FILE} differs from the registry:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nMake it again with the Provider lock workflow, run by hand, and commit its artifact.\n`);
      return EXIT.finding;
    }
    options.stdout.write(`${PROVIDER_LOCK_FILE} holds only checksums the registry serves, every platform's download checksum, and ${READONLY_PLATFORM}'s build: ${named}\n`);
    return EXIT.ok;
  }
  writeFileSync(file, lockFileText(made.blocks));
  options.stdout.write(`wrote ${file}: ${named}, for every platform each release is built for\n`);
  return EXIT.ok;
}

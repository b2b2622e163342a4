import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { checkTerraformVersion, terraformOnPath } from "../plan/terraform-cli";
import { readPinnedTerraformVersion } from "../config/terraform-version";

/** Names a folder holding the AWS provider as a filesystem mirror or plugin cache (`registry.terraform.io/hashicorp/aws/<version>/<os>_<arch>/`). */
export const PROVIDER_MIRROR_VARIABLE = "PRIVNET_TF_PROVIDER_MIRROR";
/** Names the Python that can import moto (default `python3`). */
export const PYTHON_VARIABLE = "PRIVNET_MOTO_PYTHON";

const AWS_PROVIDER_PATH = join("registry.terraform.io", "hashicorp", "aws");

export interface Terraform {
  readonly binary: string;
  readonly version: string;
}

export interface Moto {
  readonly python: string;
  readonly version: string;
}

/**
 * Where `terraform init` gets the AWS provider:
 * - `mirror`: a folder on this machine; `cliConfig` is written for the run when the
 *   folder was named by `PRIVNET_TF_PROVIDER_MIRROR` rather than by Terraform's own
 *   CLI configuration;
 * - `registry`: Terraform's ordinary installation, with the pinned release.
 */
export type ProviderSource =
  | { readonly kind: "mirror"; readonly folder: string; readonly versions: readonly string[]; readonly from: string; readonly writeCliConfig: boolean }
  | { readonly kind: "registry" };

export type Found<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Terraform on PATH (or `TERRAFORM_BINARY_NAME`), checked as `npm run plan` checks it: a release the stacks accept. */
export function findTerraform(env: NodeJS.ProcessEnv): Found<Terraform> {
  const check = checkTerraformVersion(terraformOnPath(env), readPinnedTerraformVersion(), process.cwd(), "the deploy test");
  if (!check.ok) return { ok: false, reason: check.problem };
  return { ok: true, value: { binary: env["TERRAFORM_BINARY_NAME"] || "terraform", version: check.version } };
}

export function findMoto(env: NodeJS.ProcessEnv): Found<Moto> {
  const python = env[PYTHON_VARIABLE] || "python3";
  const probe = spawnSync(python, ["-c", "import moto, moto.server, flask; print(moto.__version__)"], { encoding: "utf8", env });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${python} is not on PATH` : `${python} cannot import moto's server (${probe.stderr.trim().split("\n").pop()})`;
    return { ok: false, reason: `${why}; install it with \`pip install "moto[server]"\`, or name another Python in ${PYTHON_VARIABLE}` };
  }
  return { ok: true, value: { python, version: probe.stdout.trim() } };
}

/** Releases of the AWS provider unpacked or packed under a mirror or plugin cache folder, newest first. */
export function awsProviderVersionsIn(folder: string): string[] {
  const root = join(folder, AWS_PROVIDER_PATH);
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
  const versions = readdirSync(root).filter((entry) => {
    const unpacked = join(root, entry, platform);
    return existsSync(unpacked) || existsSync(join(root, `terraform-provider-aws_${entry}_${platform}.zip`));
  });
  for (const entry of readdirSync(root)) {
    const packed = /^terraform-provider-aws_(\d+\.\d+\.\d+)_(.+)\.zip$/.exec(entry);
    if (packed && packed[2] === platform && !versions.includes(packed[1]!)) versions.push(packed[1]!);
  }
  return versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v)).sort(compareVersions).reverse();
}

/** Orders two releases `x.y.z` by number (5.100.0 after 5.9.0). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/**
 * Mirror folders that Terraform's own CLI configuration installs providers from. A
 * plugin cache it is configured with is not one: it sits in front of the registry,
 * which then still serves the pinned release.
 */
function mirrorsInCliConfig(env: NodeJS.ProcessEnv): { folders: string[]; file: string } {
  const file = env["TF_CLI_CONFIG_FILE"] || join(homedir(), ".terraformrc");
  if (!existsSync(file)) return { folders: [], file };
  const text = readFileSync(file, "utf8");
  return { folders: [...text.matchAll(/filesystem_mirror\s*\{[^}]*?path\s*=\s*"([^"]+)"/g)].map((match) => match[1]!), file };
}

/**
 * The AWS provider for the run: the folder in `PRIVNET_TF_PROVIDER_MIRROR` (a mirror
 * or a plugin cache), else a filesystem mirror Terraform is configured with that holds
 * it, else the registry.
 */
export function findProviderSource(env: NodeJS.ProcessEnv): Found<ProviderSource> {
  const named = env[PROVIDER_MIRROR_VARIABLE];
  if (named) {
    const versions = awsProviderVersionsIn(named);
    if (versions.length === 0) {
      return { ok: false, reason: `${PROVIDER_MIRROR_VARIABLE}=${named} holds no AWS provider (${AWS_PROVIDER_PATH}/<version>/<os>_<arch>/ or a packed zip)` };
    }
    return { ok: true, value: { kind: "mirror", folder: named, versions, from: PROVIDER_MIRROR_VARIABLE, writeCliConfig: true } };
  }
  const configured = mirrorsInCliConfig(env);
  for (const folder of configured.folders) {
    const versions = awsProviderVersionsIn(folder);
    if (versions.length > 0) return { ok: true, value: { kind: "mirror", folder, versions, from: configured.file, writeCliConfig: false } };
  }
  return { ok: true, value: { kind: "registry" } };
}

/** The provider release to run with: the pin when the source has it, else the newest it has. */
export function providerRelease(source: ProviderSource, pinned: string): { readonly version: string; readonly note?: string } {
  if (source.kind === "registry" || source.versions.includes(pinned)) return { version: pinned };
  const version = source.versions[0]!;
  return { version, note: `AWS provider ${version} from ${source.folder} (${source.from}) instead of the pinned ${pinned}, which it does not hold` };
}

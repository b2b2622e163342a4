import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeProviderLock, mirrorPlatforms, projectProviders, registryPlatforms, runProvidersLock } from "../../src/cli/providers-lock";
import { PROVIDER_PINS } from "../../src/constructs/provider-pins";
import { planStackDirectory } from "../../src/plan/plan-stack";
import type { TerraformResult } from "../../src/plan/terraform-cli";
import { hashesOf, lockFileText, parseProviderLock, PROVIDER_LOCK_FILE, readProviderLock } from "../../src/terraform-json/provider-lock";
import { tempDir } from "../support/synth";
import { mirrorSkipReason, mirrorToolchain, terraformWithoutMirror } from "../support/terraform-mirror";

function capture() {
  let text = "";
  return { write: (chunk: string) => (text += chunk), get text() { return text; } };
}

describe("npm run providers:lock", () => {
  it("locks every provider the stacks require, at its pin: aws for all, http for the operator's address lookup", () => {
    expect(projectProviders().map((provider) => provider.address)).toEqual(["registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/http"]);
    expect(projectProviders().every((provider) => /^\d+\.\d+\.\d+$/.test(provider.version))).toBe(true);
  });

  const aws = { address: "registry.terraform.io/hashicorp/aws", version: PROVIDER_PINS.aws };
  const http = { address: "registry.terraform.io/hashicorp/http", version: PROVIDER_PINS.http };
  /** A block as terraform providers lock writes it, with the given checksums. */
  const block = (provider: { address: string; version: string }, hashes: readonly string[]) =>
    [`provider "${provider.address}" {`, `  version     = "${provider.version}"`, `  constraints = "${provider.version}"`, "  hashes = [", ...hashes.map((hash) => `    "${hash}",`), "  ]", "}"].join("\n");
  /** A Terraform that records each call and writes a lock whose h1 per platform is `h1:<name>-<platform>`. */
  const fakeTerraform = (calls: { args: readonly string[]; required: unknown }[]) => (args: readonly string[], cwd: string): TerraformResult => {
    const required = JSON.parse(readFileSync(join(cwd, "providers.tf.json"), "utf8")) as { terraform: { required_providers: Record<string, { source: string; version: string }> } };
    calls.push({ args, required });
    const [name, { source, version }] = Object.entries(required.terraform.required_providers)[0]!;
    const platforms = args.filter((arg) => arg.startsWith("-platform=")).map((arg) => arg.slice("-platform=".length));
    const text = block({ address: source, version }, [...platforms.map((platform) => `h1:${name}-${platform}`), `zh:${name}-all`]);
    writeFileSync(join(cwd, PROVIDER_LOCK_FILE), `# header\n\n${text}\n`);
    return { status: 0, stdout: "", stderr: "" };
  };
  const platformsOf = async (provider: { address: string }) => (provider.address.endsWith("/aws") ? ["darwin_arm64", "linux_amd64", "windows_arm64"] : ["linux_amd64"]);

  it("locks each provider on every platform the registry builds its release for, one terraform run each, into one file", async () => {
    const dir = tempDir();
    const calls: { args: readonly string[]; required: unknown }[] = [];
    const stdout = capture();
    const code = await runProvidersLock({ projectDir: dir, env: {}, stdout, stderr: capture(), terraform: fakeTerraform(calls), providers: [aws, http], platformsOf });
    expect(code).toBe(0);
    expect(calls.map((call) => call.args)).toEqual([
      ["providers", "lock", "-no-color", "-platform=darwin_arm64", "-platform=linux_amd64", "-platform=windows_arm64"],
      ["providers", "lock", "-no-color", "-platform=linux_amd64"],
    ]);
    expect(calls[0]!.required).toEqual({ terraform: { required_providers: { aws: { source: aws.address, version: aws.version } } } });
    const written = parseProviderLock(readFileSync(join(dir, PROVIDER_LOCK_FILE), "utf8"));
    expect(written.map((locked) => [locked.address, locked.version])).toEqual([[aws.address, aws.version], [http.address, http.version]]);
    expect(stdout.text).toContain(`${aws.address} ${aws.version}`);
  });

  it("reads the platforms of a release from the registry's versions API", async () => {
    const asked: string[] = [];
    const get = async (url: string) => {
      asked.push(url);
      return { versions: [{ version: "1.0.0", platforms: [] }, { version: aws.version, platforms: [{ os: "linux", arch: "amd64" }, { os: "darwin", arch: "arm64" }] }] };
    };
    expect(await registryPlatforms(get)(aws)).toEqual(["darwin_arm64", "linux_amd64"]);
    expect(asked).toEqual(["https://registry.terraform.io/v1/providers/hashicorp/aws/versions"]);
    await expect(registryPlatforms(get)({ ...aws, version: "1.0.0" })).rejects.toThrow(`the registry lists no builds of ${aws.address} 1.0.0`);
  });

  it("--verify accepts a committed lock holding only checksums the registry serves, all the download ones and linux_amd64's; names each difference and writes nothing", async () => {
    const dir = tempDir();
    const file = join(dir, PROVIDER_LOCK_FILE);
    const verify = async (hashes: readonly string[]) => {
      writeFileSync(file, `${block(aws, hashes)}\n`);
      const stderr = capture();
      const stdout = capture();
      const code = await runProvidersLock({ verify: true, projectDir: dir, env: {}, stdout, stderr, terraform: fakeTerraform([]), providers: [aws], platformsOf });
      expect(readFileSync(file, "utf8")).toBe(`${block(aws, hashes)}\n`);
      return { code, text: stderr.text + stdout.text };
    };
    expect(await verify(["h1:aws-linux_amd64", "zh:aws-all"])).toMatchObject({ code: 0 });
    const forged = await verify(["h1:aws-linux_amd64", "h1:aws-forged", "zh:aws-all"]);
    expect(forged.code).toBe(1);
    expect(forged.text).toContain(`${aws.address} ${aws.version}: h1:aws-forged is not a checksum the registry serves for this release`);
    const noDownload = await verify(["h1:aws-linux_amd64"]);
    expect(noDownload.text).toContain("zh:aws-all is missing, so one platform's download cannot be checked");
    const noReadonly = await verify(["h1:aws-darwin_arm64", "zh:aws-all"]);
    expect(noReadonly).toMatchObject({ code: 1 });
    expect(noReadonly.text).toContain("h1:aws-linux_amd64 is missing, so init -lockfile=readonly refuses the build on linux_amd64");
  });

  it("--check says offline whether the committed file holds every pin (exit 0 or 1); with --verify it is exit 2", async () => {
    const dir = tempDir();
    const providers = [aws];
    const stderr = capture();
    expect(await runProvidersLock({ check: true, projectDir: dir, env: {}, stdout: capture(), stderr, providers })).toBe(1);
    expect(stderr.text).toBe(`.terraform.lock.hcl does not hold ${aws.address} ${aws.version}: run the Provider lock workflow (or npm run providers:lock where the Terraform registry is reachable), and commit the file.\n`);
    writeFileSync(join(dir, PROVIDER_LOCK_FILE), `provider "${aws.address}" {\n  version     = "${aws.version}"\n  hashes = []\n}\n`);
    expect(await runProvidersLock({ check: true, projectDir: dir, env: {}, stdout: capture(), stderr: capture(), providers })).toBe(0);
    const bad = capture();
    expect(await runProvidersLock({ check: true, verify: true, projectDir: dir, env: {}, stdout: capture(), stderr: bad, providers })).toBe(2);
    expect(bad.text).toBe("providers-lock: --check and --verify do not go together; run it with --help for its usage\n");
  });

  it("the committed lock holds every pinned provider, with the constraint cdktf compares before it would run providers lock itself", () => {
    const committed = readProviderLock(join(__dirname, "../..", PROVIDER_LOCK_FILE));
    for (const provider of projectProviders()) {
      const locked = committed.find((candidate) => candidate.address === provider.address);
      expect(locked?.version, provider.address).toBe(provider.version);
      expect(locked!.text).toContain(`constraints = "${provider.version}"`);
      expect(hashesOf(locked!).filter((hash) => hash.startsWith("zh:")).length, provider.address).toBeGreaterThan(10);
    }
  });

  it("plans with -lockfile=readonly only when the stack's folder holds its locked providers", () => {
    const seen: (readonly string[])[] = [];
    const terraform = (args: readonly string[]): TerraformResult => {
      seen.push(args);
      return { status: 1, stdout: "", stderr: "stop here" };
    };
    planStackDirectory(tempDir(), terraform, { lockfileReadonly: true });
    planStackDirectory(tempDir(), terraform);
    expect(seen).toEqual([
      ["init", "-input=false", "-no-color", "-lockfile=readonly"],
      ["init", "-input=false", "-no-color"],
    ]);
  });
});

describe.skipIf(mirrorToolchain === undefined)(mirrorToolchain ? "the lock with the real Terraform and a provider mirror" : mirrorSkipReason, () => {
  it("writes a lock that init -lockfile=readonly accepts, and init refuses a build whose checksum the lock does not hold", async () => {
    const { awsVersion: version, folder } = mirrorToolchain!;
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    const dir = tempDir();
    const lock = join(dir, PROVIDER_LOCK_FILE);
    const provider = { address: "registry.terraform.io/hashicorp/aws", version };
    expect(await mirrorPlatforms(folder)(provider)).toContain(platform);
    const made = await makeProviderLock({ providers: [provider], platformsOf: async () => [platform], fsMirror: folder, terraform: terraformWithoutMirror });
    if (!made.ok) throw new Error(made.output);
    writeFileSync(lock, lockFileText(made.blocks));
    const [block] = parseProviderLock(readFileSync(lock, "utf8"));
    expect(block).toMatchObject({ address: "registry.terraform.io/hashicorp/aws", version });
    expect(block!.text).toMatch(/"h1:[A-Za-z0-9+/]{43}="/);

    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "aws", version } } } }));
    const fromMirror = mirrorToolchain!.terraformIn(dir);
    const init = () => fromMirror(["init", "-input=false", "-no-color", "-lockfile=readonly"], dir);
    expect(init()).toMatchObject({ status: 0 });

    rmSync(join(dir, ".terraform"), { recursive: true, force: true });
    writeFileSync(lock, readFileSync(lock, "utf8").replace(/"h1:[^"]+"/, `"h1:${"A".repeat(43)}="`));
    const refused = init();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/doesn't match any of the\s+checksums previously recorded in the dependency lock file/);
  });
});

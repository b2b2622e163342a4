import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STACK_NAMES } from "../src/app";
import { runSynth } from "../src/run-synth";
import { readPinnedTerraformVersion } from "../src/stacks/terraform-version";
import { tempDir } from "./support/synth";

/**
 * These need a terraform of the pinned minor release on PATH and the provider
 * registry. Without such a terraform they are skipped, and the reason is in their
 * names so the skip shows in every report.
 */
function installedTerraform(): string | undefined {
  const probe = spawnSync("terraform", ["version", "-json"], { encoding: "utf8" });
  if (probe.status !== 0) return undefined;
  return JSON.parse(probe.stdout).terraform_version as string;
}

const pinned = readPinnedTerraformVersion();
const installed = installedTerraform();
const sameMinor = (a: string, b: string) => a.split(".").slice(0, 2).join(".") === b.split(".").slice(0, 2).join(".");
const skipReason =
  installed === undefined
    ? "terraform is not on PATH"
    : sameMinor(installed, pinned)
      ? undefined
      : `terraform ${installed} on PATH is not the pinned ${pinned} line that the stacks require`;

describe.skipIf(skipReason !== undefined)(
  `synthesized stacks under terraform ${pinned}${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    const outdir = join(tempDir(), "cdktf.out");
    // Flow logs add resource types the default stacks do not have; validate them too.
    const flowLogsOutdir = join(tempDir(), "cdktf.out");
    const flowLogsConfig = join(tempDir(), "flow-logs.json");
    const on = { flowLogs: { enabled: true } };
    writeFileSync(flowLogsConfig, JSON.stringify({ peering: on, albPeering: on, privatelink: on, endpointSharing: on }));

    it("synthesizes, with flow logs off and on", () => {
      expect(runSynth({ env: {}, outdir })).toBe(0);
      expect(runSynth({ env: { PRIVNET_CONFIG: flowLogsConfig }, outdir: flowLogsOutdir })).toBe(0);
    });

    it.each(STACK_NAMES.flatMap((name) => [[name, "off"], [name, "on"]]))("%s passes terraform validate, flow logs %s", (name, flowLogs) => {
      const cwd = join(flowLogs === "on" ? flowLogsOutdir : outdir, "stacks", name);
      execFileSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd, stdio: "pipe" });
      const result = spawnSync("terraform", ["validate", "-json", "-no-color"], { cwd, encoding: "utf8" });
      const report = JSON.parse(result.stdout);
      expect(report.diagnostics).toEqual([]);
      expect(report.valid).toBe(true);
    }, 300_000);
  },
);

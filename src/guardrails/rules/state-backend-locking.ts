import { booleanOf } from "../../reachability/values";
import type { TerraformJson } from "../../terraform-json/read";
import type { Finding, GuardrailRule } from "../rule";

function backendOf(json: TerraformJson): Record<string, unknown> | undefined {
  return (json as { terraform?: { backend?: { s3?: Record<string, unknown> } } }).terraform?.backend?.s3;
}

export const stateBackendLocking: GuardrailRule = {
  id: "state-backend-locking",
  title: "The S3 backend encrypts state and locks it with a lock file",
  controls: [],
  rationale: "Two applies on one state without a lock corrupt it; use_lockfile is Terraform's own lock (DynamoDB locking is deprecated), and encrypt keeps the state object encrypted even in a bucket without default encryption.",
  fix: "set encrypt = true and use_lockfile = true on the S3 backend (useS3Backend does)",
  countJudged({ json }) {
    return backendOf(json) ? 1 : 0;
  },
  check({ json }) {
    const backend = backendOf(json);
    if (!backend) {
      return [];
    }
    const findings: Finding[] = [];
    for (const setting of ["encrypt", "use_lockfile"]) {
      if (booleanOf(backend[setting], false) !== true) {
        findings.push({ address: "terraform.backend.s3", problem: `${setting} is ${backend[setting] === undefined ? "unset" : JSON.stringify(backend[setting])}` });
      }
    }
    return findings;
  },
};

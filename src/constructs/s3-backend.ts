import { Annotations, S3Backend, TerraformStack } from "cdktf";
import type { CommonConfig } from "../config/common";

/** Object key of a stack's state: one per project and stack, so none share a state or a lock. */
export function stateKey(config: CommonConfig, stackName: string): string {
  return `${config.state.keyPrefix ?? `${config.project}/`}${stackName}/terraform.tfstate`;
}

/** What synth, `cdktf diff` and `cdktf deploy` print while a stack's state has no bucket. */
export const NO_BUCKET_WARNING =
  "state.bucket is not set, so this stack's S3 backend has an empty bucket and `cdktf diff`/`cdktf deploy` stop at `terraform init` " +
  '("The value cannot be empty"). Deploy the `state` stack first (`npx cdktf deploy state`), then run `npm run config -- use-state-bucket`, ' +
  "which merges its bucket-name output into the JSON file named by PRIVNET_CONFIG (default ./privnet.json).";

/**
 * Points the stack at the S3 state bucket with native locking. cdktf 0.21 does not
 * type `use_lockfile`, so it is added by override. Without a configured bucket the
 * bucket is written empty: synth still works offline, and `terraform init` fails at
 * once on the empty value instead of guessing a globally named bucket that someone
 * else might own. A bucket left out would be worse: init would ask for it at a
 * prompt, which `cdktf diff` runs in a pseudo-terminal and so waits on forever.
 * `-backend-config=bucket=...` still sets it for a hand-run `terraform init`.
 */
export function useS3Backend(stack: TerraformStack, config: CommonConfig): void {
  const { state } = config;
  new S3Backend(stack, {
    bucket: state.bucket ?? "",
    key: stateKey(config, stack.node.id),
    region: state.region ?? config.region,
    encrypt: true,
  });
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
  if (state.bucket === undefined) {
    Annotations.of(stack).addWarning(NO_BUCKET_WARNING);
  }
}

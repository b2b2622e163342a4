import { Annotations, S3Backend, TerraformStack } from "cdktf";
import type { StateConfig } from "../config/types";

/** Object key of a stack's state: one per stack, so stacks never share a lock. */
export function stateKey(state: StateConfig, stackName: string): string {
  return `${state.keyPrefix}${stackName}/terraform.tfstate`;
}

/**
 * Points the stack at the S3 state bucket with native locking. cdktf 0.21 does not
 * type `use_lockfile`, so it is added by override. Without a configured bucket the
 * block is written without one (a partial backend configuration): synth still works
 * offline, and `terraform init` stops and asks for the bucket instead of guessing a
 * globally named bucket that someone else might own.
 */
export function useS3Backend(stack: TerraformStack, state: StateConfig, defaultRegion: string): void {
  new S3Backend(stack, {
    bucket: state.bucket ?? "",
    key: stateKey(state, stack.node.id),
    region: state.region ?? defaultRegion,
    encrypt: true,
  });
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
  if (state.bucket === undefined) {
    stack.addOverride("terraform.backend.s3.bucket", undefined);
    Annotations.of(stack).addWarning(
      "state.bucket is not set: the S3 backend has no bucket, so `cdktf diff/deploy` will stop at `terraform init`. " +
        "Deploy the `state` stack, then set state.bucket in the file named by PRIVNET_CONFIG (see README, State).",
    );
  }
}

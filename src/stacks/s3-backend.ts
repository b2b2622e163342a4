import { Annotations, S3Backend, TerraformStack } from "cdktf";
import type { ProjectConfig } from "../config/types";

/** Object key of a stack's state: one per project and stack, so none share a state or a lock. */
export function stateKey(config: ProjectConfig, stackName: string): string {
  return `${config.state.keyPrefix ?? `${config.project}/`}${stackName}/terraform.tfstate`;
}

/**
 * Points the stack at the S3 state bucket with native locking. cdktf 0.21 does not
 * type `use_lockfile`, so it is added by override. Without a configured bucket the
 * block is written without one (a partial backend configuration): synth still works
 * offline, and `terraform init` stops and asks for the bucket instead of guessing a
 * globally named bucket that someone else might own.
 */
export function useS3Backend(stack: TerraformStack, config: ProjectConfig): void {
  const { state } = config;
  new S3Backend(stack, {
    bucket: state.bucket ?? "",
    key: stateKey(config, stack.node.id),
    region: state.region ?? config.region,
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

import type { TerraformJson } from "./read";

export interface S3BackendBlock {
  readonly bucket?: string;
  readonly key?: string;
  readonly region?: string;
}

/** The stack's S3 backend block, or undefined when its state is kept elsewhere. */
export function s3BackendOf(json: TerraformJson): S3BackendBlock | undefined {
  const terraform = (json as { readonly terraform?: { readonly backend?: { readonly s3?: S3BackendBlock } } }).terraform;
  return terraform?.backend?.s3;
}

/** Roles in other accounts the stack's AWS providers assume (`assumeRoleArn` settings). */
export function assumedRolesOf(json: TerraformJson): string[] {
  const providers = (json as { provider?: { aws?: readonly { assume_role?: readonly { role_arn?: string }[] }[] } }).provider?.aws ?? [];
  return providers.flatMap((provider) => (provider.assume_role ?? []).flatMap((assume) => (assume.role_arn ? [assume.role_arn] : [])));
}

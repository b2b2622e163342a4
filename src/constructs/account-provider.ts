import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import { ProjectStack } from "./project-stack";

/**
 * The AWS provider of another account: it assumes `roleArn`, in the stack's region and
 * with the stack's default tags, so that what it creates is tagged and placed like
 * the rest. It is created in `scope` with the alias `alias` (default `id`); both are
 * part of every resource address that uses it, so callers keep them fixed.
 */
export function accountProvider(scope: Construct, id: string, roleArn: string, alias: string = id): AwsProvider {
  const stack = ProjectStack.of(scope);
  return new AwsProvider(scope, id, {
    alias,
    region: stack.config.region,
    assumeRole: [{ roleArn, sessionName: `${stack.config.project}-${stack.node.id}` }],
    defaultTags: stack.defaultTags(),
  });
}

/**
 * Where a per-account lookup of the stack goes, and its id: in the stack as `id` for
 * the stack's own provider, beside another account's provider as `<provider id>-<id>`.
 * Both are fixed within their scope, so the lookup's address never moves, and the
 * stack's own keeps the address it had before other accounts had one.
 */
export function besideProvider(stack: Construct, provider: TerraformProvider | undefined, id: string): [Construct, string] {
  return provider === undefined ? [stack, id] : [provider.node.scope!, `${provider.node.id}-${id}`];
}

import type { CdktfCommand } from "./config/cdktf-command";
import { namesStack } from "./config/cdktf-command";
import { AWS_LIMITS } from "./limits/aws-limits";
import type { LimitFinding } from "./limits/count-limits";
import { formatLimitFinding } from "./limits/report";
import { PROVIDER_LOCK_FILE } from "./terraform-json/provider-lock";
import type { ProjectConfig } from "./topologies/project-config";
import { STACK_NAMES } from "./topologies/registry";

/** A line cdktf prints as `WARN [<stack>]: <message>` after synth, diff, deploy and destroy. */
export interface StackWarning {
  readonly stack: string;
  readonly message: string;
}

export interface SynthFacts {
  readonly config: ProjectConfig;
  /** The limits the stacks pass by default (the refused ones stopped synth before). */
  readonly limits: readonly LimitFinding[];
  /** Stacks whose providers the committed lock does not hold, and what it lacks. */
  readonly unlocked: { readonly stacks: readonly string[]; readonly missing: readonly string[] };
  /** What cdktf was asked to do, where it can be known. */
  readonly command?: CdktfCommand;
}

function deployOrder(stacks: readonly string[]): string[] {
  return [...stacks].sort((a, b) => (STACK_NAMES as readonly string[]).indexOf(a) - (STACK_NAMES as readonly string[]).indexOf(b));
}

/**
 * A limit several stacks pass only together: synth cannot know whether they will share
 * an account, and where the plan checks the account's own quota it says nothing at all.
 * Otherwise it warns on the last of them in deploy order, whose deploy goes over.
 */
function limitWarnings(limits: readonly LimitFinding[]): StackWarning[] {
  return limits.flatMap((finding) => {
    if (finding.stacks.length === 1) return [{ stack: finding.stacks[0]!, message: formatLimitFinding(finding) }];
    if ("atPlan" in AWS_LIMITS[finding.limit]) return [];
    return [{ stack: deployOrder(finding.stacks).at(-1)!, message: formatLimitFinding(finding) }];
  });
}

/**
 * What a person can act on after synth, one line per cause, on the stack it concerns:
 * nothing for a default they need not change, and nothing twice.
 */
export function synthWarnings(facts: SynthFacts): StackWarning[] {
  const warnings: StackWarning[] = [];
  const { state } = facts.config;
  if (state.bucket === undefined) {
    warnings.push({
      stack: "state",
      message:
        "state.bucket is not set, so diff and deploy of every other stack stop at terraform init. " +
        "Deploy this stack first (npm run deploy -- state), then npm run config -- use-state-bucket.",
    });
  }
  if (!state.preventDestroy) {
    warnings.push({
      stack: "state",
      message: "state.preventDestroy is false: destroy state empties and deletes the state bucket. Set it back to true once it is gone (src/topologies/state/README.md#removing-the-bucket).",
    });
  } else if (facts.command?.name === "destroy" && facts.command.stacks.some((pattern) => namesStack(pattern, "state"))) {
    warnings.push({
      stack: "state",
      message:
        "Terraform refuses to destroy the state bucket (Instance cannot be destroyed; cdktf shows only the exit code): it has prevent_destroy, " +
        "as it holds every stack's state. To remove it on purpose, once the other stacks are destroyed: " +
        `npm run config -- merge '{"state":{"preventDestroy":false}}', npm run deploy -- state, then destroy it (src/topologies/state/README.md#removing-the-bucket).`,
    });
  }
  warnings.push(...limitWarnings(facts.limits));
  if (facts.unlocked.stacks.length > 0) {
    warnings.push({
      stack: deployOrder(facts.unlocked.stacks)[0]!,
      message:
        `${PROVIDER_LOCK_FILE} lacks ${facts.unlocked.missing.join(", ")}, so terraform init installs unchecked builds for ${deployOrder(facts.unlocked.stacks).join(", ")}; ` +
        "commit the lock the Provider lock workflow makes (docs/provider-lock.md).",
    });
  }
  return warnings;
}

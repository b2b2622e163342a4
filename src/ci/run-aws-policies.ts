import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { synthesizeStacks } from "../app";
import type { LoadOptions } from "../config/load";
import { loadConfigOrSay } from "../topologies/project-config";
import type { Writer } from "../writer";
import { deployRolePolicy, driftRolePolicy, githubTrustPolicy, planRolePolicy, stacksUsingOtherAccounts, workflowRoleNames, workflowSubjects } from "./aws-policies";

export interface AwsPoliciesOptions extends LoadOptions {
  readonly args: readonly string[];
  /** Where the policy files go. Default `cdktf.out/github-oidc`. */
  readonly outdir?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

const USAGE =
  "usage: npm run ci:aws-policies -- <owner/repo> <aws-account-id> [<ownerId/repoId>]\n" +
  "  the third argument only for repositories on GitHub's immutable OIDC subject format (created after 15 July 2026);\n" +
  "  read it with: gh api repos/<owner/repo> --jq '\"\\(.owner.id)/\\(.id)\"'\n";

/**
 * `npm run ci:aws-policies`: the four IAM documents the workflows need, made from the
 * app itself: each role's trust (GitHub's OIDC provider, this repository, the exact
 * job: pull-request plans or the deploy environment) and its permissions (the state
 * bucket and key prefix of the configuration, the services the stacks use). Writes
 * them as JSON files and prints the AWS CLI commands that create the roles.
 */
export function runAwsPolicies(options: AwsPoliciesOptions): number {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const [repository, account, ids] = options.args;
  if (!repository || !account || options.args.length > 3) {
    stderr.write(USAGE);
    return 2;
  }
  const config = loadConfigOrSay(options, stderr);
  if (!config) {
    return 2;
  }
  let documents: Record<string, unknown>;
  let otherAccounts: string[];
  try {
    const stacks = synthesizeStacks(config);
    otherAccounts = stacksUsingOtherAccounts(stacks);
    const subjects = workflowSubjects({ repository, ...(ids ? { ids } : {}) });
    documents = {
      "plan-trust.json": githubTrustPolicy(account, subjects.plan),
      "plan-permissions.json": planRolePolicy(config, stacks),
      "deploy-trust.json": githubTrustPolicy(account, subjects.deploy),
      "deploy-permissions.json": deployRolePolicy(config, stacks),
      "drift-trust.json": githubTrustPolicy(account, subjects.drift),
      "drift-permissions.json": driftRolePolicy(config, stacks),
    };
  } catch (error) {
    stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const outdir = resolve(options.outdir ?? join("cdktf.out", "github-oidc"));
  mkdirSync(outdir, { recursive: true });
  for (const [file, document] of Object.entries(documents)) {
    writeFileSync(join(outdir, file), `${JSON.stringify(document, null, 2)}\n`);
  }
  const roles = workflowRoleNames(config.project);
  stdout.write(
    [
      `Wrote ${Object.keys(documents).join(", ")} to ${outdir}. Create the roles (once per account):`,
      "",
      `aws iam create-role --role-name ${roles.plan} --assume-role-policy-document file://${join(outdir, "plan-trust.json")}`,
      `aws iam put-role-policy --role-name ${roles.plan} --policy-name plan --policy-document file://${join(outdir, "plan-permissions.json")}`,
      `aws iam create-role --role-name ${roles.deploy} --assume-role-policy-document file://${join(outdir, "deploy-trust.json")}`,
      `aws iam put-role-policy --role-name ${roles.deploy} --policy-name deploy --policy-document file://${join(outdir, "deploy-permissions.json")}`,
      `aws iam create-role --role-name ${roles.drift} --assume-role-policy-document file://${join(outdir, "drift-trust.json")}`,
      `aws iam put-role-policy --role-name ${roles.drift} --policy-name drift --policy-document file://${join(outdir, "drift-permissions.json")}`,
      "",
      `Then set the repository variables PRIVNET_PLAN_ROLE_ARN=arn:aws:iam::${account}:role/${roles.plan}, PRIVNET_DEPLOY_ROLE_ARN=arn:aws:iam::${account}:role/${roles.deploy} and PRIVNET_DRIFT_ROLE_ARN=arn:aws:iam::${account}:role/${roles.drift}, and create the environments deploy (with reviewers) and drift (main only, no reviewers).`,
      ...(otherAccounts.length > 0
        ? [
            "",
            `${otherAccounts.join(", ")} reach${otherAccounts.length === 1 ? "es" : ""} other accounts: their assumeRoleArn roles must trust ${roles.deploy}. ` +
              "Pull requests do not plan them and the drift workflow does not check them (the plan and drift roles assume no role that can write); run npm run plan and npm run drift on a workstation.",
          ]
        : []),
      "",
    ].join("\n"),
  );
  return 0;
}

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesizeStacks } from "../../src/app";
import {
  assumedRoles,
  deployRolePolicy,
  driftRolePolicy,
  EXTRA_DEPLOY_RIGHTS,
  GITHUB_ROLE_PREFIX,
  githubTrustPolicy,
  iamServiceOfType,
  oidcSubject,
  planRolePolicy,
  servicesOfStacks,
  stacksUsingOtherAccounts,
  typesOfStacks,
  workflowRoleNames,
  workflowSubjects,
} from "../../src/ci/aws-policies";
import { runAwsPolicies } from "../../src/ci/run-aws-policies";
import { s3BackendOf } from "../../src/terraform-json/backend";
import { capture } from "../support/commands";
import { EVERYTHING_ON } from "../support/everything-on";
import { configWith, tempDir } from "../support/synth";

const BUCKET = { state: { bucket: "privnet-tfstate-test" } };
const config = configWith({ ...EVERYTHING_ON, ...BUCKET });
const stacks = synthesizeStacks(config);
const ciStacks = stacks.filter((stack) => s3BackendOf(stack.json));

function actionsOf(policy: { Statement: readonly Record<string, unknown>[] }): string[] {
  return policy.Statement.flatMap((statement) => [statement["Action"]].flat() as string[]);
}

describe("IAM policies for the workflows' roles, made from the app", () => {
  it("knows the IAM service of every type any stack uses, with every option on", () => {
    const types = ciStacks.flatMap((stack) => {
      const json = stack.json as { resource?: object; data?: object };
      return [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})];
    });
    expect(types.length).toBeGreaterThan(30);
    expect(() => types.forEach(iamServiceOfType)).not.toThrow();
    expect(servicesOfStacks(stacks)).toEqual(["ec2", "elasticloadbalancing", "iam", "logs", "ram", "route53", "route53profiles", "servicequotas", "ssm", "sts"]);
    expect(() => iamServiceOfType("aws_sqs_queue")).toThrow("no IAM service is known for aws_sqs_queue: add its prefix to SERVICE_OF_TYPE_PREFIX in src/ci/aws-policies.ts");
  });

  it.each([
    ["plan", planRolePolicy],
    ["drift", driftRolePolicy],
  ])("gives the %s role reads only: no action that creates, changes or deletes, not even the state's lock", (_role, policyOf) => {
    const actions = actionsOf(policyOf(config, stacks));
    const allowed = policyOf(config, stacks).Statement.filter((statement) => statement["Effect"] === "Allow");
    const writes = actionsOf({ Statement: allowed }).filter((action) => !/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z*]*$/.test(action));
    expect(writes).toEqual([]);
    expect(actions).toContain("s3:GetObject");
    expect(actions).not.toContain("s3:PutObject");
    expect(actions).not.toContain("sts:AssumeRole");
  });

  it("scopes the state permissions to the bucket and the project's key prefix, with the lock object writable for deploys", () => {
    const deploy = deployRolePolicy(config, stacks);
    const state = deploy.Statement.find((statement) => statement["Sid"] === "ReadWriteStateAndLock")!;
    expect(state).toEqual({ Sid: "ReadWriteStateAndLock", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::privnet-tfstate-test/privnet/*" });
  });

  it("lets the deploy role touch IAM roles, instance profiles and log groups only under the project's name, which every one the stacks create carries", () => {
    const deploy = deployRolePolicy(config, stacks);
    const bySid = (sid: string) => deploy.Statement.find((statement) => statement["Sid"] === sid)!;
    expect(bySid("ManageProjectRoles")["Resource"]).toBe("arn:aws:iam::*:role/privnet-*");
    expect(bySid("ManageProjectRoles")["Action"]).toContain("iam:DetachRolePolicy");
    expect(bySid("AttachOnlyTheStacksManagedPolicies")["Action"]).toBe("iam:AttachRolePolicy");
    expect(bySid("AttachOnlyTheStacksManagedPolicies")).toMatchObject({
      Resource: "arn:aws:iam::*:role/privnet-*",
      Condition: { ArnLike: { "iam:PolicyARN": ["arn:*:iam::aws:policy/AmazonSSMManagedInstanceCore"] } },
    });
    expect(bySid("ManageProjectInstanceProfiles")["Resource"]).toBe("arn:aws:iam::*:instance-profile/privnet-*");
    expect(bySid("PassProjectRolesToServices")["Condition"]).toEqual({ StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "vpc-flow-logs.amazonaws.com"] } });
    expect(bySid("ManageProjectLogGroups")["Resource"]).toBe("arn:aws:logs:*:*:log-group:/privnet/*");
    const names = ciStacks.flatMap((stack) => {
      const resource = (stack.json as { resource?: Record<string, Record<string, { name?: string; name_prefix?: string }>> }).resource ?? {};
      return ["aws_iam_role", "aws_iam_instance_profile", "aws_cloudwatch_log_group"].flatMap((type) => Object.values(resource[type] ?? {}).map((body) => body.name ?? body.name_prefix ?? ""));
    });
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      expect(name).toMatch(/^(privnet-|\/privnet\/)/);
    }
  });

  it("refuses to limit attachments to a policy known only at apply time, which would match every policy", () => {
    const [peering] = synthesizeStacks(configWith(BUCKET)).filter((stack) => stack.name === "peering");
    const json = JSON.parse(JSON.stringify(peering!.json)) as { resource: Record<string, unknown> };
    json.resource["aws_iam_role"] = { r: { name: "privnet-r" } };
    json.resource["aws_iam_role_policy_attachment"] = { a: { role: "privnet-r", policy_arn: "${aws_iam_policy.p.arn}" } };
    expect(() => deployRolePolicy(config, [{ ...peering!, json: json as never }])).toThrow('cannot limit iam:AttachRolePolicy to "*"');
  });

  it("keeps the workflows' own roles out of the deploy role's reach: another prefix, and denied outright", () => {
    const roles = workflowRoleNames("privnet");
    expect(roles).toEqual({ plan: "github-actions-privnet-plan", deploy: "github-actions-privnet-deploy", drift: "github-actions-privnet-drift" });
    expect(roles.deploy.startsWith("privnet-")).toBe(false);
    expect(deployRolePolicy(config, stacks).Statement.find((statement) => statement["Sid"] === "NeverTheWorkflowRoles")).toEqual({
      Sid: "NeverTheWorkflowRoles",
      Effect: "Deny",
      Action: "iam:*",
      Resource: `arn:aws:iam::*:role/${GITHUB_ROLE_PREFIX}*`,
    });
  });

  it("grants what types need beyond their own service: service-linked roles and Reachability Analyzer's queries", () => {
    const deploy = deployRolePolicy(config, stacks);
    const types = typesOfStacks(stacks);
    for (const extra of EXTRA_DEPLOY_RIGHTS) {
      expect([extra.typePrefix, types.some((type) => type.startsWith(extra.typePrefix))]).toEqual([extra.typePrefix, true]);
    }
    expect(deploy.Statement.find((statement) => statement["Sid"] === "CreateServiceLinkedRoles")!["Condition"]).toEqual({
      StringEquals: { "iam:AWSServiceName": ["elasticloadbalancing.amazonaws.com", "ec2-instance-connect.amazonaws.com", "transitgateway.amazonaws.com"] },
    });
    expect(actionsOf(deploy)).toEqual(expect.arrayContaining(["tiros:CreateQuery", "tiros:GetQueryAnswer", "tiros:GetQueryExplanation"]));
    const defaults = synthesizeStacks(configWith(BUCKET));
    expect(actionsOf(deployRolePolicy(configWith(BUCKET), defaults))).not.toContain("tiros:CreateQuery");
  });

  it("reads SSM only for the AMI parameters the stacks name, and denies reads that reveal secrets to both roles", () => {
    for (const policy of [planRolePolicy(config, stacks), deployRolePolicy(config, stacks)]) {
      expect(policy.Statement.find((statement) => statement["Sid"] === "ReadAmiParameters")!["Resource"]).toEqual([
        "arn:aws:ssm:*:*:parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
        "arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
      ]);
      expect(policy.Statement.find((statement) => statement["Sid"] === "NoSecretReads")).toMatchObject({ Effect: "Deny", Action: expect.arrayContaining(["ec2:GetPasswordData", "iam:GetCredentialReport"]) });
    }
    expect(actionsOf(planRolePolicy(config, stacks)).filter((action) => action.startsWith("ssm:"))).toEqual(["ssm:GetParameter", "ssm:GetParameters"]);
  });

  it("lets the deploy role assume the other accounts' roles, and never the plan role, whose stacks are left to workstations", () => {
    expect(assumedRoles(stacks)).toEqual(["arn:aws:iam::111122223333:role/privnet-deploy", "arn:aws:iam::444455556666:role/privnet-deploy"]);
    expect(deployRolePolicy(config, stacks).Statement.at(-1)).toEqual({ Sid: "OtherAccounts", Effect: "Allow", Action: "sts:AssumeRole", Resource: assumedRoles(stacks) });
    expect(actionsOf(planRolePolicy(config, stacks))).not.toContain("sts:AssumeRole");
    expect(stacksUsingOtherAccounts(stacks)).toEqual(["endpoint-sharing", "privatelink", "alb-peering"]);
  });

  it("trusts GitHub's OIDC provider for exactly one repository and job each", () => {
    const subjects = workflowSubjects({ repository: "octo/net" });
    expect(subjects).toEqual({ plan: "repo:octo/net:pull_request", deploy: "repo:octo/net:environment:deploy", drift: "repo:octo/net:environment:drift" });
    expect(githubTrustPolicy("123456789012", subjects.deploy).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo/net:environment:deploy" } },
    });
    expect(oidcSubject({ repository: "octo/net", ids: "42/4242" }, "pull_request")).toBe("repo:octo@42/net@4242:pull_request");
    expect(() => oidcSubject({ repository: "octo", ids: undefined }, "pull_request")).toThrow('repository "octo" must be owner/name');
    expect(() => githubTrustPolicy("1234", "x")).toThrow('account "1234" must be a 12-digit AWS account id');
  });
});

describe("npm run ci:aws-policies", () => {
  it("writes the six documents for the configured bucket and prints the commands that create the roles", () => {
    const dir = tempDir();
    const stdout = capture();
    const code = runAwsPolicies({ args: ["octo/net", "123456789012"], outdir: dir, env: {}, cwd: dir, stdout: stdout.stream, stderr: capture().stream });
    // The article defaults have no state bucket: the documents cannot name it.
    expect(code).toBe(2);
    const configFile = join(dir, "privnet.json");
    writeFileSync(configFile, JSON.stringify(BUCKET));
    const again = runAwsPolicies({ args: ["octo/net", "123456789012"], outdir: dir, env: { PRIVNET_CONFIG: configFile }, stdout: stdout.stream, stderr: capture().stream });
    expect(again).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "plan-trust.json"), "utf8")).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe("repo:octo/net:pull_request");
    expect(JSON.parse(readFileSync(join(dir, "deploy-permissions.json"), "utf8")).Statement[1].Resource).toBe("arn:aws:s3:::privnet-tfstate-test/privnet/*");
    expect(stdout.text()).toContain("aws iam create-role --role-name github-actions-privnet-deploy --assume-role-policy-document file://");
    expect(stdout.text()).toContain("PRIVNET_PLAN_ROLE_ARN=arn:aws:iam::123456789012:role/github-actions-privnet-plan");
    expect(JSON.parse(readFileSync(join(dir, "drift-trust.json"), "utf8")).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe("repo:octo/net:environment:drift");
    expect(JSON.parse(readFileSync(join(dir, "drift-permissions.json"), "utf8"))).toEqual(JSON.parse(readFileSync(join(dir, "plan-permissions.json"), "utf8")));
    expect(stdout.text()).toContain("aws iam put-role-policy --role-name github-actions-privnet-drift --policy-name drift --policy-document file://");
    expect(stdout.text()).toContain("PRIVNET_DRIFT_ROLE_ARN=arn:aws:iam::123456789012:role/github-actions-privnet-drift");
  });

  it("prints its usage without the repository and account", () => {
    const stderr = capture();
    expect(runAwsPolicies({ args: ["octo/net"], env: {}, stdout: capture().stream, stderr: stderr.stream })).toBe(2);
    expect(stderr.text()).toMatch(/^usage: npm run ci:aws-policies -- <owner\/repo> <aws-account-id>/);
  });
});

import { CREDENTIALS_HOWTO } from "../../plan/diagnose";
import { awsJson } from "./aws-cli";
import type { ToolRunner } from "./tool-runner";

export type CallerIdentity = { readonly ok: true; readonly account: string; readonly arn: string } | { readonly ok: false; readonly problem: string };

/** What each refusal of `sts get-caller-identity` means, in the CLI's words and AWS's codes. */
const REFUSALS: readonly { readonly pattern: RegExp; readonly problem: (detail: string) => string }[] = [
  { pattern: /Unable to locate credentials|NoCredentialProviders|no credentials/i, problem: () => `no AWS credentials were found. ${CREDENTIALS_HOWTO}` },
  { pattern: /ExpiredToken|token.*expired|expired.*token|Token has expired/i, problem: (detail) => `the AWS credentials have expired (${detail}). ${CREDENTIALS_HOWTO}` },
  {
    pattern: /InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClientException|AuthFailure/,
    problem: (detail) => `the AWS credentials were refused (${detail}). ${CREDENTIALS_HOWTO}`,
  },
  {
    pattern: /Could not connect to the endpoint URL|Connect timeout|EndpointConnectionError|Name or service not known/i,
    problem: (detail) => `AWS could not be reached (${detail}): check the proxy, VPN or DNS settings of this machine`,
  },
];

/**
 * Who the AWS CLI calls AWS as (`aws sts get-caller-identity`, which needs no
 * permission): the check that credentials are there and current, before anything else
 * is asked of AWS.
 */
export function callerIdentity(run: ToolRunner, region: string): CallerIdentity {
  const answer = awsJson(run, ["sts", "get-caller-identity", "--region", region]);
  if (!answer.ok) {
    if (answer.notInstalled) return { ok: false, problem: "the AWS CLI (aws) is not on PATH: probe makes every AWS call through it; install it (https://docs.aws.amazon.com/cli/)" };
    const refusal = REFUSALS.find((candidate) => candidate.pattern.test(answer.message));
    return { ok: false, problem: refusal?.problem(answer.message) ?? `aws sts get-caller-identity failed: ${answer.message}` };
  }
  const { Account: account, Arn: arn } = answer.json;
  if (typeof account !== "string" || typeof arn !== "string") return { ok: false, problem: "aws sts get-caller-identity answered without an account" };
  return { ok: true, account, arn };
}

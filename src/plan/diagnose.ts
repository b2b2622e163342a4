import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** What a failed `terraform init` or `plan` most likely needs, recognised from Terraform's own messages. */
interface Diagnosis {
  readonly pattern: RegExp;
  readonly advice: (bucket: string | undefined) => string;
}

/** Where a person gets AWS credentials, for every message that finds none or finds them refused. */
export const CREDENTIALS_HOWTO =
  "On a workstation: `aws sso login --profile <name>` and `export AWS_PROFILE=<name>`, or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN of a session. " +
  "In the pull-request workflow they come from the plan role by OIDC (docs/pull-request-plans.md).";

const DIAGNOSES: readonly Diagnosis[] = [
  {
    pattern: /No valid credential sources found/,
    advice: () => `No AWS credentials were found: Terraform reads the state from S3 with them. ${CREDENTIALS_HOWTO}`,
  },
  {
    pattern: /InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch|security token included in the request is (expired|invalid)|refresh cached SSO token|SSO session .*(expired|invalid)/i,
    advice: () => `The AWS credentials were refused (expired or invalid). ${CREDENTIALS_HOWTO}`,
  },
  {
    pattern: /NoSuchBucket|S3 bucket "[^"]*" does not exist|StatusCode: 301/,
    advice: (bucket) =>
      `The state bucket ${bucket ?? "(state.bucket)"} does not exist in state.region: deploy the \`state\` stack first, or correct state.bucket/state.region in the configuration file.`,
  },
  {
    pattern: /AccessDenied|StatusCode: 403/,
    advice: (bucket) =>
      `AWS refused access: the identity in use needs s3:ListBucket on ${bucket ?? "the state bucket"} and s3:GetObject on its state keys to plan, plus read access to the resources (docs/pull-request-plans.md, the plan role).`,
  },
  {
    pattern: /request send failed|no such host|dial tcp|i\/o timeout/,
    advice: () => "AWS could not be reached over the network (DNS or connection failure): check the proxy, VPN or DNS settings of this machine.",
  },
  {
    // Before the registry failures: a build the lock has no checksum of is refused, online or not.
    pattern: /does not match any of the checksums recorded in the dependency lock file|doesn't match any of the\s+checksums previously recorded/,
    advice: () =>
      "The committed provider lock (.terraform.lock.hcl) has no checksum of this platform's build, so init -lockfile=readonly refuses it: " +
      "run the Provider lock workflow by hand and commit its artifact, or deploy with cdktf, which records the checksum after checking the download (docs/provider-lock.md).",
  },
  {
    pattern: /Failed to query available provider packages|Failed to install provider|could not connect to registry/i,
    advice: () => "Terraform could not download the providers: `terraform init` needs registry.terraform.io (or a provider mirror in the CLI configuration).",
  },
];

/** Advice for the first recognised failure in Terraform's output, or undefined. */
export function diagnoseTerraformFailure(output: string, bucket?: string): string | undefined {
  return DIAGNOSES.find((diagnosis) => diagnosis.pattern.test(output))?.advice(bucket);
}

/** Environment variables any one of which lets the AWS SDK find credentials. */
const CREDENTIAL_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
] as const;

/**
 * Where the AWS SDK would find credentials on this machine, as far as can be seen
 * without calling AWS: variables and the shared config files. An instance role is
 * invisible from here, so an empty answer is a warning, not a refusal.
 */
export function visibleCredentialSources(env: NodeJS.ProcessEnv, home: string = homedir()): string[] {
  const variables = CREDENTIAL_VARIABLES.filter((name) => (env[name] ?? "") !== "");
  const files = [env["AWS_SHARED_CREDENTIALS_FILE"] || join(home, ".aws", "credentials"), env["AWS_CONFIG_FILE"] || join(home, ".aws", "config")].filter((file) =>
    existsSync(file),
  );
  return [...variables, ...files];
}

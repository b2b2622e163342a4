import { checkBucketName, checkName, checkRegion, type Issues } from "./checks";

/**
 * The keys every stack reads, whatever its topology. Each topology adds its own
 * section (`src/topologies/<name>/config.ts`); the registry puts them together.
 * Everything here shapes what is synthesized, so it is read at synth time, never as a
 * Terraform variable.
 */
export interface CommonConfig {
  /** Prefix of resource names and value of the `Project` tag. */
  readonly project: string;
  /** AWS region of every stack. */
  readonly region: string;
  /**
   * Tags added to every taggable resource through the provider's `default_tags`, beside `Project`, `Stack`, `ManagedBy` and
   * each resource's `Name`, which they may not replace (in any case). Keys and values take only the characters IAM takes
   * (letters, digits, spaces, `_ . : / = + -` and the at sign), and no two keys may differ only in case.
   */
  readonly tags: Readonly<Record<string, string>>;
  /** Where every stack but `state` keeps its Terraform state: the bucket the `state` stack creates. */
  readonly state: StateConfig;
  /** How every test instance is launched. */
  readonly instances: InstanceConfig;
}

/** The common keys plus one topology's section, which is all that topology's code reads. */
export type WithSection<Key extends string, Section> = CommonConfig & { readonly [K in Key]: Section };

export interface StateConfig {
  /**
   * S3 bucket holding every stack's state. Unset: synth still works and the
   * backend is written with an empty bucket, so `terraform init` refuses until it is set.
   * The `state` stack creates this bucket (with this exact name when set).
   */
  readonly bucket?: string;
  /**
   * Prefix of each stack's state key; `<stack>/terraform.tfstate` follows. Unset:
   * `<project>/`, so environments that share a bucket under different project names
   * never share a state.
   */
  readonly keyPrefix?: string;
  /** Region of the state bucket. Unset: `region`. */
  readonly region?: string;
  /**
   * Whether Terraform refuses to destroy the state bucket (`prevent_destroy`): it holds
   * every stack's state. Set it to false only to remove the bucket on purpose, and back
   * to true once it is gone (src/topologies/state/README.md#removing-the-bucket).
   */
  readonly preventDestroy: boolean;
}

export interface InstanceConfig {
  /** Instance type of every test instance. */
  readonly instanceType: string;
  /** SSM public parameter naming the AMI. */
  readonly amiSsmParameter: string;
}

/**
 * The articles' values. Optional keys are listed with `undefined` so that the override
 * loader knows them and can reject a misspelt key instead of ignoring it.
 */
export const COMMON_DEFAULTS: CommonConfig = {
  project: "privnet",
  region: "ap-northeast-1",
  tags: {},
  state: {
    bucket: undefined,
    keyPrefix: undefined,
    region: undefined,
    preventDestroy: true,
  },
  instances: {
    instanceType: "t2.micro",
    amiSsmParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
  },
};

/** AWS's hard limit; synth counts it again on every resource (src/limits/). */
const AWS_TAGS_PER_RESOURCE = 50;

/** S3 caps `bucket_prefix` at 37 characters, and `-tfstate-` takes 9 of them. */
const MAX_PROJECT_LENGTH = 28;

/**
 * Tags every resource gets from the project itself (the provider's default tags and each
 * resource's Name), with what each is for: a configured tag of the same key, in any case,
 * would replace it.
 */
const TAGS_THE_PROJECT_SETS: Readonly<Record<string, string>> = {
  Project: "every resource's Project is the project key (set project instead), and the VPC quota check finds a stack's own VPCs by it",
  Stack: "every resource's Stack is its stack's name, and the VPC quota check finds a stack's own VPCs by it",
  ManagedBy: "every resource's ManagedBy is cdktf, which tells what this code manages from what it does not",
  Name: "each resource's Name is its stack's name and its own (such as peering-vpc1), which tells resources apart in the console",
};

/** IAM's pattern for tag keys and values: the IAM roles some stacks make (endpoint-sharing's, flow logs') carry every tag. */
const IAM_TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const IAM_TAG_CHARACTERS = "letters, digits, spaces and _ . : / = + - @, as IAM requires of the IAM roles that carry every tag";

function validateTags(issues: Issues, tags: Readonly<Record<string, string>>): void {
  const own = Object.keys(TAGS_THE_PROJECT_SETS);
  const total = new Set([...own, ...Object.keys(tags)]).size;
  if (total > AWS_TAGS_PER_RESOURCE) {
    issues.push({
      key: "tags",
      value: `${Object.keys(tags).length} tags`,
      rule: `give every resource ${total} tags with ${own.join(", ")}, and AWS allows ${AWS_TAGS_PER_RESOURCE} per resource; list at most ${AWS_TAGS_PER_RESOURCE - own.length} of your own`,
    });
  }
  const firstKeyByLowerCase = new Map<string, string>();
  for (const [name, value] of Object.entries(tags)) {
    const key = `tags.${name}`;
    if (name.length === 0 || name.length > 128 || name.toLowerCase().startsWith("aws:")) {
      issues.push({ key, value: name, rule: "tag keys must be 1-128 characters and must not start with aws:" });
    } else if (!IAM_TAG_TEXT.test(name)) {
      issues.push({ key, value: name, rule: `tag keys may hold only ${IAM_TAG_CHARACTERS}` });
    }
    const projectTag = own.find((tag) => tag.toLowerCase() === name.toLowerCase());
    if (projectTag !== undefined) {
      issues.push({ key, value, rule: `would replace the tag ${projectTag} the project sets itself: ${TAGS_THE_PROJECT_SETS[projectTag]}` });
    }
    const sameButCase = firstKeyByLowerCase.get(name.toLowerCase());
    if (sameButCase === undefined) {
      firstKeyByLowerCase.set(name.toLowerCase(), name);
    } else {
      issues.push({ key, value: name, rule: `differs from tags.${sameButCase} only in case; IAM compares tag keys regardless of case and refuses the two on the IAM roles that carry every tag; keep one` });
    }
    if (value.length > 256) {
      issues.push({ key, value, rule: "tag values must be at most 256 characters" });
    } else if (!IAM_TAG_TEXT.test(value)) {
      issues.push({ key, value, rule: `tag values may hold only ${IAM_TAG_CHARACTERS}` });
    }
  }
}

export function validateCommon(issues: Issues, config: CommonConfig): void {
  checkName(issues, "project", config.project);
  if (config.project.length > MAX_PROJECT_LENGTH) {
    issues.push({
      key: "project",
      value: config.project,
      rule: `must be at most ${MAX_PROJECT_LENGTH} characters: the state bucket's name prefix "<project>-tfstate-" is limited to 37`,
    });
  }
  checkRegion(issues, "region", config.region);
  validateTags(issues, config.tags);

  if (config.state.bucket !== undefined) {
    checkBucketName(issues, "state.bucket", config.state.bucket);
  }
  if (config.state.region !== undefined) {
    checkRegion(issues, "state.region", config.state.region);
  }
  const { keyPrefix } = config.state;
  if (keyPrefix !== undefined && (keyPrefix.startsWith("/") || (keyPrefix !== "" && !keyPrefix.endsWith("/")))) {
    issues.push({
      key: "state.keyPrefix",
      value: config.state.keyPrefix,
      rule: 'must be empty or a relative path ending in "/", such as privnet/',
    });
  }

  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(config.instances.instanceType)) {
    issues.push({ key: "instances.instanceType", value: config.instances.instanceType, rule: "must be an EC2 instance type such as t2.micro" });
  }
  if (!config.instances.amiSsmParameter.startsWith("/")) {
    issues.push({
      key: "instances.amiSsmParameter",
      value: config.instances.amiSsmParameter,
      rule: "must be an SSM parameter path starting with /, such as /aws/service/ami-amazon-linux-latest/...",
    });
  }
}

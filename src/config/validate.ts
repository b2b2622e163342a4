import { checkBucketName, checkName, checkRegion, type Issues } from "./checks";
import { ConfigError, type ConfigIssue } from "./errors";
import type { ProjectConfig } from "./types";
import { validateAlbPeering } from "./validate-alb-peering";
import { validateEndpointSharing } from "./validate-endpoint-sharing";
import { validateFlowLogs } from "./validate-flow-logs";
import { validatePeering } from "./validate-peering";
import { validatePrivateLink } from "./validate-privatelink";

/** S3 caps `bucket_prefix` at 37 characters, and `-tfstate-` takes 9 of them. */
const MAX_PROJECT_LENGTH = 28;

function validateTags(issues: Issues, tags: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(tags)) {
    const key = `tags.${name}`;
    if (name.length === 0 || name.length > 128 || name.toLowerCase().startsWith("aws:")) {
      issues.push({ key, value: name, rule: "tag keys must be 1-128 characters and must not start with aws:" });
    }
    if (value.length > 256) {
      issues.push({ key, value, rule: "tag values must be at most 256 characters" });
    }
  }
}

export function findConfigIssues(config: ProjectConfig): ConfigIssue[] {
  const issues: Issues = [];
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

  validatePeering(issues, config.peering, config.region);
  validateAlbPeering(issues, config.albPeering, config.region);
  validatePrivateLink(issues, config.privatelink, config.region);
  validateEndpointSharing(issues, config.endpointSharing, config.region);
  for (const section of ["peering", "albPeering", "privatelink", "endpointSharing"] as const) {
    validateFlowLogs(issues, `${section}.flowLogs`, config[section].flowLogs);
  }
  return issues;
}

/** Stops synth, before any construct exists, when any rule is broken. */
export function assertValidConfig(config: ProjectConfig, source: string): void {
  const issues = findConfigIssues(config);
  if (issues.length > 0) {
    throw new ConfigError(issues, source);
  }
}

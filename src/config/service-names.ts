/**
 * How an AWS service offered through interface endpoints is named: the endpoint's
 * service name, and the DNS name its private DNS would answer for, which is what a
 * shared private hosted zone must be called. One function, because the zone, its
 * records, validation and the offline reachability check must all agree.
 */

export interface AwsServiceEndpointName {
  /** As written in the configuration: `ssm`, `ecr.api`. */
  readonly service: string;
  /** What an interface endpoint connects to: `com.amazonaws.ap-northeast-1.ssm`. */
  readonly serviceName: string;
  /** The private hosted zone that stands in for the endpoint's private DNS: `ssm.ap-northeast-1.amazonaws.com`. */
  readonly zoneName: string;
  /** The service's private DNS also answers every name under the zone (`*.dkr.ecr...`), so the zone needs a wildcard record. */
  readonly wildcard: boolean;
}

/**
 * Services whose private DNS name is a wildcard: clients call `<registry>.dkr.ecr...`,
 * `<api-id>.execute-api...`, `<bucket>.s3...`, never only the apex.
 */
const WILDCARD_SERVICES: ReadonlySet<string> = new Set(["ecr.dkr", "execute-api", "s3"]);

/** Services whose private DNS name is not their service name: AWS answers `kinesis-streams` at `kinesis.<region>...`. */
const DNS_LABELS: Readonly<Record<string, string>> = {
  "kinesis-streams": "kinesis",
  "kinesis-firehose": "firehose",
};

/**
 * Services a private hosted zone cannot stand in for: their private DNS names are
 * wildcards right under the region's domain, so a zone for them would answer every
 * service's name in the region.
 */
const UNSHAREABLE_SERVICES: Readonly<Record<string, string>> = {
  "ecs-agent": "its private DNS name is a wildcard under the region's domain (ecs-a-*), which one private hosted zone per service cannot stand in for",
  "ecs-telemetry": "its private DNS name is a wildcard under the region's domain (ecs-t-*), which one private hosted zone per service cannot stand in for",
};

/** A short service name: dot-separated lowercase labels, as AWS writes them after the region. */
const SERVICE_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** China's regions use their own domain and service-name prefix. */
function partitionOf(region: string): { readonly prefix: string; readonly dnsSuffix: string } {
  return region.startsWith("cn-") ? { prefix: "cn.com.amazonaws", dnsSuffix: "amazonaws.com.cn" } : { prefix: "com.amazonaws", dnsSuffix: "amazonaws.com" };
}

/** A construct id and a Route 53 association name for a service: `ecr.api` becomes `ecr-api`. */
export function serviceSlug(service: string): string {
  return service.replace(/\./g, "-");
}

/** Why `service` cannot be shared through a private hosted zone, or undefined when it can. */
export function awsServiceNameProblem(service: string): string | undefined {
  if (/^(cn\.)?com\.amazonaws\./.test(service)) {
    return `must be the short service name, such as ${service.split(".").at(-1)}: the stack writes com.amazonaws.<region>. itself`;
  }
  if (!SERVICE_PATTERN.test(service)) {
    return "must be an AWS service name as it follows the region in an endpoint's service name, such as ssm, logs, kms or ecr.api (lowercase letters, digits, hyphens and dots)";
  }
  const unshareable = Object.hasOwn(UNSHAREABLE_SERVICES, service) ? UNSHAREABLE_SERVICES[service] : undefined;
  return unshareable === undefined ? undefined : `cannot be shared this way: ${unshareable}`;
}

/**
 * The endpoint and zone names of `service` in `region`. Dotted service names read
 * backwards in DNS: `ecr.api` answers at `api.ecr.<region>.amazonaws.com`, and
 * `sagemaker.runtime` at `runtime.sagemaker.<region>.amazonaws.com`. A service this
 * does not know is checked against AWS's own private DNS name at plan time (see
 * `SharedServiceEndpoints`), so a wrong guess stops the plan instead of making a zone
 * nobody asks.
 */
export function awsServiceEndpointName(service: string, region: string): AwsServiceEndpointName {
  const problem = awsServiceNameProblem(service);
  if (problem !== undefined) {
    throw new Error(`AWS service "${service}" ${problem}`);
  }
  const { prefix, dnsSuffix } = partitionOf(region);
  const labels = (Object.hasOwn(DNS_LABELS, service) ? DNS_LABELS[service] : undefined) ?? service.split(".").reverse().join(".");
  return {
    service,
    serviceName: `${prefix}.${region}.${service}`,
    zoneName: `${labels}.${region}.${dnsSuffix}`,
    wildcard: WILDCARD_SERVICES.has(service),
  };
}

/** The zone name an interface endpoint's service name stands for, or undefined for a name that is not an AWS service's. */
export function zoneNameOfServiceName(serviceName: string): string | undefined {
  const match = /^(?:cn\.)?com\.amazonaws\.([a-z]{2}(?:-[a-z]+)+-\d)\.(.+)$/.exec(serviceName);
  if (!match || awsServiceNameProblem(match[2]!) !== undefined) {
    return undefined;
  }
  return awsServiceEndpointName(match[2]!, match[1]!).zoneName;
}

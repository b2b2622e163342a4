/**
 * Every way `npm run test:deploy` lets the emulator (moto) differ from AWS, each with
 * its reason. Nothing else may differ: any other failure, or any other change on the
 * second plan, fails the run.
 *
 * - `emulator-fix`: moto is started with this fix (src/deploy-test/emulator/moto_with_fixes.py,
 *   same id), so it answers as AWS does.
 * - `unserved`: moto cannot serve this resource type. It still goes through validate
 *   and plan; apply, the second plan and destroy run without it and without whatever
 *   refers to it, and the run lists every resource so left out.
 * - `read-back`: moto reads this attribute back wrong after a correct create, so the
 *   second plan would show a change AWS would not. The attribute is ignored
 *   (`lifecycle.ignore_changes`) for the apply, the second plan and the destroy.
 * - `newer-argument`: the stacks set an argument that the AWS provider took up in a
 *   later release than the one a run may have to use (a mirror without the pin: its
 *   provider refuses the argument at validate). Only in a run whose provider release
 *   is older than `since`, the argument is left out of every step, and the run lists
 *   each one so left out; with the pin, or any release from `since` on, it is sent.
 */

export interface EmulatorFix {
  readonly kind: "emulator-fix";
  readonly id: string;
  readonly api: string;
  readonly reason: string;
}

export interface UnservedResource {
  readonly kind: "unserved";
  readonly resourceType: string;
  readonly api: string;
  readonly reason: string;
}

export interface WrongReadBack {
  readonly kind: "read-back";
  readonly resourceType: string;
  readonly attributes: readonly string[];
  readonly reason: string;
}

export interface NewerArgument {
  readonly kind: "newer-argument";
  readonly resourceType: string;
  /** Through nested blocks, dot-separated (`rule.blocked_encryption_types`). */
  readonly attribute: string;
  /** The first AWS provider release that has it. */
  readonly since: string;
  readonly reason: string;
}

export type Deviation = EmulatorFix | UnservedResource | WrongReadBack | NewerArgument;

/** The name a deviation goes by in the run's output and in docs/deploy-test.md. */
export function deviationName(deviation: Deviation): string {
  return deviation.kind === "emulator-fix" ? deviation.id : deviation.resourceType;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    kind: "emulator-fix",
    id: "iam-managed-policies",
    api: "iam:AttachRolePolicy",
    reason: "moto knows AWS managed policies (AmazonSSMManagedInstanceCore) only when started with MOTO_IAM_LOAD_MANAGED_POLICIES=true",
  },
  {
    kind: "emulator-fix",
    id: "root-volume-size",
    api: "ec2:RunInstances",
    reason: "AWS takes a root volume's size from the image when the request names none; moto refuses such a request (MissingParameter size or snapshotId)",
  },
  {
    kind: "emulator-fix",
    id: "private-hosted-zones",
    api: "route53:CreateHostedZone",
    reason: "AWS makes a zone created with a VPC private; moto makes it public, then refuses its VPC associations (PublicZoneVPCAssociation)",
  },
  {
    kind: "emulator-fix",
    id: "policy-conditions",
    api: "S3 bucket policies (every S3 call on the state bucket)",
    reason:
      "moto evaluates only StringEquals and takes every other operator as met, denies when a statement's conditions fail even in a Deny statement, and gives bucket policies no request context, so the state bucket's TLS-only policy denied every request; fixed to AWS's evaluation, with the keys of the provider's TLS 1.2 connection (aws:SecureTransport, s3:TlsVersion)",
  },
  {
    kind: "emulator-fix",
    id: "instance-connect-endpoints",
    api: "ec2:CreateInstanceConnectEndpoint, DescribeInstanceConnectEndpoints, DeleteInstanceConnectEndpoint",
    reason: "not implemented by moto (HTTP 500)",
  },
  {
    kind: "emulator-fix",
    id: "endpoint-connections",
    api: "ec2:AcceptVpcEndpointConnections, RejectVpcEndpointConnections, DescribeVpcEndpointConnections, CreateVpcEndpoint",
    reason:
      "not implemented by moto; and moto makes an endpoint to a service that requires acceptance available at once, where AWS keeps it pendingAcceptance until the service's owner accepts it",
  },
  {
    kind: "emulator-fix",
    id: "transit-gateway-default-route-table",
    api: "ec2:CreateTransitGateway, DescribeTransitGateways",
    reason:
      "a transit gateway with default route table association and propagation disabled has no default table in AWS; moto names one, so the provider takes each attachment out of it and moto fails (DisassociateTransitGatewayRouteTable, HTTP 500)",
  },
  {
    kind: "emulator-fix",
    id: "transit-gateway-attachment-tags",
    api: "ec2:CreateTransitGatewayVpcAttachment",
    reason: "moto reads a new attachment's tags from the route-table tag specification and drops them",
  },
  {
    kind: "emulator-fix",
    id: "deleted-transit-gateway-attachments",
    api: "ec2:DescribeTransitGatewayVpcAttachments",
    reason: 'AWS lists a deleted attachment in state "deleted" for a while; moto forgets it at once, and the provider\'s wait for the deletion fails',
  },
  {
    kind: "emulator-fix",
    id: "service-quota-defaults",
    api: "servicequotas:GetAWSDefaultServiceQuota",
    reason: "not implemented by moto (HTTP 500); the plan-time VPC quota check reads it, and moto's own table of VPC quotas holds AWS's defaults",
  },
  {
    kind: "emulator-fix",
    id: "blocked-encryption-types",
    api: "s3:GetBucketEncryption",
    reason:
      "moto stores a rule's BlockedEncryptionTypes but answers without them, so a provider that sends them (6.22 on) would plan the state bucket's encryption again on every run; answered as stored, as AWS does",
  },
  {
    kind: "emulator-fix",
    id: "instance-network-interface-read-back",
    api: "ec2:DescribeInstances, ec2:RunInstances",
    reason:
      "moto answers an instance launched through its primary network interface (as the provider launches one) with no SecurityGroups and an empty Association, which the provider reads as an instance in no group and with a public address: a refresh, and so drift, would read every instance so and a deploy record it; answered with the interface's groups and no association, as AWS does",
  },
  {
    kind: "emulator-fix",
    id: "delete-marker-versions",
    api: "s3:DeleteObject, s3:DeleteObjects (with VersionId)",
    reason:
      "once a bucket's versioning is suspended (Terraform suspends it before it destroys the bucket), moto answers 500 to removing a version of a key that has a delete marker (it disposes of the marker as if it held data), so Terraform's force_destroy could not empty the state bucket after the S3 backend had deleted a lock object; removed, as AWS does",
  },
  {
    kind: "unserved",
    resourceType: "aws_ec2_network_insights_path",
    api: "ec2:CreateNetworkInsightsPath",
    reason: "Reachability Analyzer is not implemented by moto",
  },
  {
    kind: "unserved",
    resourceType: "aws_ec2_network_insights_analysis",
    api: "ec2:StartNetworkInsightsAnalysis",
    reason: "Reachability Analyzer is not implemented by moto",
  },
  {
    kind: "unserved",
    resourceType: "aws_route53profiles_profile",
    api: "route53profiles:CreateProfile",
    reason: "Route 53 Profiles are not implemented by moto",
  },
  {
    kind: "unserved",
    resourceType: "aws_route53profiles_association",
    api: "route53profiles:AssociateProfile",
    reason: "Route 53 Profiles are not implemented by moto",
  },
  {
    kind: "unserved",
    resourceType: "aws_route53profiles_resource_association",
    api: "route53profiles:AssociateResourceToProfile",
    reason: "Route 53 Profiles are not implemented by moto",
  },
  {
    kind: "read-back",
    resourceType: "aws_vpc_security_group_ingress_rule",
    attributes: ["description"],
    reason: "moto returns no description for a rule that names a security group or a prefix list",
  },
  {
    kind: "read-back",
    resourceType: "aws_vpc_security_group_egress_rule",
    attributes: ["description"],
    reason: "moto returns no description for a rule that names a security group or a prefix list",
  },
  {
    kind: "read-back",
    resourceType: "aws_vpc_endpoint",
    attributes: ["ip_address_type"],
    reason: 'moto returns "" for an endpoint\'s IP address type (AWS: ipv4)',
  },
  {
    kind: "read-back",
    resourceType: "aws_lb",
    attributes: ["enforce_security_group_inbound_rules_on_private_link_traffic"],
    reason: 'moto returns "" for a network load balancer\'s PrivateLink inbound-rules setting',
  },
  {
    kind: "read-back",
    resourceType: "aws_vpc_endpoint_service",
    attributes: ["supported_ip_address_types"],
    reason: "moto returns [] for an endpoint service's IP address types (AWS: [ipv4])",
  },
  {
    kind: "newer-argument",
    resourceType: "aws_s3_bucket_server_side_encryption_configuration",
    attribute: "rule.blocked_encryption_types",
    since: "6.22.0",
    reason:
      "S3's BlockedEncryptionTypes (the state bucket blocks SSE-C); an older provider refuses the argument (Unsupported argument), so such a run neither sends nor reads it back",
  },
];

export const EMULATOR_FIX_IDS: readonly string[] = DEVIATIONS.filter((d): d is EmulatorFix => d.kind === "emulator-fix").map((d) => d.id);

export const UNSERVED_TYPES: ReadonlyMap<string, UnservedResource> = new Map(
  DEVIATIONS.filter((d): d is UnservedResource => d.kind === "unserved").map((d) => [d.resourceType, d]),
);

export const NEWER_ARGUMENTS: readonly NewerArgument[] = DEVIATIONS.filter((d): d is NewerArgument => d.kind === "newer-argument");

export const WRONG_READ_BACKS: ReadonlyMap<string, WrongReadBack> = new Map(
  DEVIATIONS.filter((d): d is WrongReadBack => d.kind === "read-back").map((d) => [d.resourceType, d]),
);

/**
 * What the probe meets in the emulator that AWS does otherwise. Its tests against moto
 * (__tests__/probe/emulated-aws.test.ts) prove the calls the real AWS CLI makes and how
 * their answers are read, not these; the scripted tests cover what each leaves out.
 * docs/operating.md lists each, and a test keeps the two the same.
 */
export interface ProbeEmulatorGap {
  readonly id: string;
  readonly api: string;
  readonly reason: string;
}

export const PROBE_EMULATOR_GAPS: readonly ProbeEmulatorGap[] = [
  {
    id: "run-command-runs-nothing",
    api: "ssm:SendCommand, ssm:GetCommandInvocation",
    reason:
      "moto runs no script: every invocation is Success at once, with no output, so no probe's output, no Pending or InProgress poll and no Failed, TimedOut, Undeliverable or DeliveryTimedOut status comes from it",
  },
  {
    id: "run-command-any-instance",
    api: "ssm:SendCommand",
    reason: "moto takes any instance id; AWS refuses one whose SSM Agent never registered (InvalidInstanceId)",
  },
  {
    id: "instance-connect-open-tunnel",
    api: "ec2-instance-connect:OpenTunnel",
    reason: "not served by moto (a WebSocket, which version 2 of the AWS CLI opens): the SSH session through an endpoint is never opened",
  },
  {
    id: "instance-connect-any-key",
    api: "ec2-instance-connect:SendSSHPublicKey",
    reason: "moto accepts any key for any instance and user, and no instance receives it",
  },
  {
    id: "no-permissions",
    api: "every call",
    reason: "moto checks no IAM permission: the probe's policy (docs/operating.md) is not exercised",
  },
];

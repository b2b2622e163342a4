import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";
import type { PrivateNetwork } from "../../constructs/private-network";
import { PrefixListPeer } from "../../constructs/security-group";

export interface S3GatewayEndpointProps {
  /** Name tag suffix. */
  readonly name: string;
  readonly network: PrivateNetwork;
  readonly region: string;
  /** Buckets whose objects may be read through the endpoint; nothing else passes it. */
  readonly readableBuckets: readonly string[];
}

/**
 * The Amazon Linux 2023 package repositories as S3 buckets: dnf in the region reads
 * them from `al2023-repos-<region>-de612dc2`, so an instance without internet access
 * installs packages through this endpoint.
 */
export function amazonLinux2023RepositoryBucket(region: string): string {
  return `al2023-repos-${region}-de612dc2`;
}

/**
 * An S3 gateway endpoint on every route table of a network: free, unlike a NAT gateway,
 * and limited by its policy to reading the named buckets, so it is no way out for data.
 * Instances reach it with an egress rule to `peer` (the endpoint's prefix list).
 */
export class S3GatewayEndpoint extends Construct {
  readonly endpoint: VpcEndpoint;
  /** The S3 prefix list, for security group egress rules. */
  readonly peer: PrefixListPeer;

  constructor(scope: Construct, id: string, props: S3GatewayEndpointProps) {
    super(scope, id);
    this.endpoint = new VpcEndpoint(this, "endpoint", {
      provider: props.network.provider,
      vpcId: props.network.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: props.network.subnets.map(({ routeTable }) => routeTable.id),
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadNamedBucketsOnly",
            Effect: "Allow",
            Principal: "*",
            Action: ["s3:GetObject"],
            Resource: props.readableBuckets.map((bucket) => `arn:aws:s3:::${bucket}/*`),
          },
        ],
      }),
      tags: nameTag(this, props.name),
    });
    this.peer = new PrefixListPeer(this.endpoint.prefixListId, "s3");
  }
}

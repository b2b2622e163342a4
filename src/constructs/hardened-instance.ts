import { Instance } from "@cdktf/provider-aws/lib/instance";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "./naming";
import type { PrivateSubnet } from "./private-network";
import type { FlowSecurityGroup } from "./security-group";

export interface HardenedInstanceProps {
  /** Instance name: Name tag suffix. */
  readonly name: string;
  readonly subnet: PrivateSubnet;
  readonly securityGroups: readonly FlowSecurityGroup[];
  /** AMI id, usually from an SSM public parameter. */
  readonly ami: string;
  readonly instanceType: string;
  /** Key pair name. Default none: Instance Connect and Session Manager need none. */
  readonly keyName?: string;
  /** Instance profile name, for Session Manager. Default none. */
  readonly iamInstanceProfile?: string;
  /** Boot script. Default none. Never put a secret here: it is readable from the instance and in state. */
  readonly userData?: string;
  /** What must exist before the instance boots, such as the route its user data downloads through. Default none. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * An EC2 instance with the defaults the articles left out: IMDSv2 only, an encrypted
 * root volume and no public address. The AMI is read from a "latest" parameter, so a
 * new AMI release would otherwise replace the instance on the next plan; it is ignored
 * after creation (replace on purpose with `terraform apply -replace`).
 */
export class HardenedInstance extends Construct {
  readonly instance: Instance;

  constructor(scope: Construct, id: string, props: HardenedInstanceProps) {
    super(scope, id);
    this.instance = new Instance(this, "instance", {
      provider: props.subnet.provider,
      ami: props.ami,
      instanceType: props.instanceType,
      subnetId: props.subnet.subnet.id,
      vpcSecurityGroupIds: props.securityGroups.map((group) => group.id),
      associatePublicIpAddress: false,
      keyName: props.keyName,
      iamInstanceProfile: props.iamInstanceProfile,
      userData: props.userData,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      rootBlockDevice: {
        encrypted: true,
        volumeType: "gp3",
        deleteOnTermination: true,
        tags: nameTag(this, `${props.name}-root`),
      },
      tags: nameTag(this, props.name),
      lifecycle: { ignoreChanges: ["ami"] },
      dependsOn: props.dependsOn,
    });
  }

  get id(): string {
    return this.instance.id;
  }

  get privateIp(): string {
    return this.instance.privateIp;
  }
}

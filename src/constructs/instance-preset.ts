import { DataAwsEc2InstanceTypeOfferings } from "@cdktf/provider-aws/lib/data-aws-ec2-instance-type-offerings";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { Lazy, type TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import type { InstanceConfig } from "../config/common";
import { isZoneId } from "../config/regions";
import { besideProvider } from "./account-provider";
import { HardenedInstance, type HardenedInstanceProps } from "./hardened-instance";

type LocationType = "availability-zone" | "availability-zone-id";

/**
 * The stack's one AMI lookup and instance type, so that every test instance is
 * launched the same way and no stack threads them by hand. The lookup is the data
 * source `ami` of the stack (its address is pinned); instances in another account use
 * it too, since the public parameter names the same AMI in every account of a region.
 *
 * Not every type is offered in every zone, and synth cannot know which are: the plan
 * reads the type's offerings and stops, before anything is created, when a zone an
 * instance is placed in does not offer it. Each account is asked through its own
 * provider, since another account's zone letters name other zones.
 */
export class InstancePreset {
  private readonly ami: DataAwsSsmParameter;
  /** The zones of each lookup, by the provider's path (empty for the stack's own) and location type. */
  private readonly zones = new Map<string, Set<string>>();

  constructor(
    private readonly stack: Construct,
    private readonly instances: InstanceConfig,
  ) {
    this.ami = new DataAwsSsmParameter(stack, "ami", { name: instances.amiSsmParameter });
  }

  launch(scope: Construct, id: string, props: Omit<HardenedInstanceProps, "ami" | "instanceType">): HardenedInstance {
    this.requireOffering(props.subnet.zone, props.subnet.provider);
    return new HardenedInstance(scope, id, { ...props, ami: this.ami.insecureValue, instanceType: this.instances.instanceType });
  }

  private requireOffering(zone: string, provider: TerraformProvider | undefined): void {
    const locationType: LocationType = isZoneId(zone) ? "availability-zone-id" : "availability-zone";
    const key = `${provider?.node.path ?? ""} ${locationType}`;
    const known = this.zones.get(key);
    if (known !== undefined) {
      known.add(zone);
      return;
    }
    const zones = new Set([zone]);
    this.zones.set(key, zones);
    const listed = () => JSON.stringify([...zones].sort());
    const type = this.instances.instanceType;
    const [scope, id] = besideProvider(this.stack, provider, locationType === "availability-zone" ? "instance-type-zones" : "instance-type-zone-ids");
    const account = provider === undefined ? "" : ` in the account of provider ${provider.fqn}`;
    new DataAwsEc2InstanceTypeOfferings(scope, id, {
      provider,
      locationType,
      filter: [{ name: "instance-type", values: [type] }],
      lifecycle: {
        postcondition: [
          {
            condition: Lazy.stringValue({ produce: () => `\${length(setsubtract(${listed()}, self.locations)) == 0}` }),
            errorMessage: Lazy.stringValue({
              produce: () =>
                `instances.instanceType = "${type}" is not offered in every zone this stack places an instance in${account} (${[...zones].sort().join(", ")}); choose a type offered there, or move the subnets.`,
            }),
          },
        ],
      },
    });
  }
}

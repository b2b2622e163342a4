import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import type { Construct } from "constructs";
import type { InstanceConfig } from "../config/common";
import { HardenedInstance, type HardenedInstanceProps } from "./hardened-instance";

/**
 * The stack's one AMI lookup and instance type, so that every test instance is
 * launched the same way and no stack threads them by hand. The lookup is the data
 * source `ami` of the stack (its address is pinned); instances in another account use
 * it too, since the public parameter names the same AMI in every account of a region.
 */
export class InstancePreset {
  private readonly ami: DataAwsSsmParameter;

  constructor(
    stack: Construct,
    private readonly instances: InstanceConfig,
  ) {
    this.ami = new DataAwsSsmParameter(stack, "ami", { name: instances.amiSsmParameter });
  }

  launch(scope: Construct, id: string, props: Omit<HardenedInstanceProps, "ami" | "instanceType">): HardenedInstance {
    return new HardenedInstance(scope, id, { ...props, ami: this.ami.insecureValue, instanceType: this.instances.instanceType });
  }
}

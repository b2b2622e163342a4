import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { isZoneId } from "../config/regions";
import { PrivateNetwork, type ZonePlacement } from "./private-network";
import { VpcFlowLogs } from "./vpc-flow-logs";
import { useS3Backend } from "./s3-backend";
import { REQUIRED_TERRAFORM } from "./terraform-version";
import type { FlowLogsConfig } from "../config/flow-logs";
import type { CommonConfig } from "../config/common";

export interface ProjectStackProps<Config extends CommonConfig = CommonConfig> {
  /** The common keys, plus the section of the stack's own topology. */
  readonly config: Config;
}

/**
 * What every stack shares: the AWS provider with the project's default tags, the
 * Terraform version constraint, and (unless a stack says otherwise) the S3 backend.
 */
export abstract class ProjectStack extends TerraformStack {
  readonly config: CommonConfig;

  protected constructor(scope: Construct, name: string, props: ProjectStackProps, backend: "s3" | "local" = "s3") {
    super(scope, name);
    this.config = props.config;
    new AwsProvider(this, "aws", { region: props.config.region, defaultTags: this.defaultTags() });
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
    if (backend === "s3") {
      useS3Backend(this, props.config);
    }
  }

  /**
   * An aliased AWS provider that works in another account by assuming `roleArn`, in
   * the same region and with the same default tags as the stack's own provider. It is
   * created in `scope` (default the stack) with the alias `alias` (default `id`).
   */
  protected providerForAccount(id: string, roleArn: string, options: { readonly scope?: Construct; readonly alias?: string } = {}): AwsProvider {
    return new AwsProvider(options.scope ?? this, id, {
      alias: options.alias ?? id,
      region: this.config.region,
      assumeRole: [{ roleArn, sessionName: `${this.config.project}-${this.node.id}` }],
      defaultTags: this.defaultTags(),
    });
  }

  private defaultTags() {
    return [
      {
        tags: {
          Project: this.config.project,
          Stack: this.node.id,
          ManagedBy: "cdktf",
          ...this.config.tags,
        },
      },
    ];
  }

  /**
   * Flow logs for every VPC the stack has built so far, or the exception that says
   * they are off and where to turn them on. Call it last, once every network exists.
   */
  protected recordFlowLogs(settings: FlowLogsConfig, settingsKey: string): void {
    const networks = this.node.findAll().filter((construct): construct is PrivateNetwork => construct instanceof PrivateNetwork);
    new VpcFlowLogs(this, "flow-logs", { settings, settingsKey, project: this.config.project, networks });
  }

  /** A subnet's placement from a configured zone: a letter of this region, or an Availability Zone ID. */
  protected placement(zone: string): ZonePlacement {
    return isZoneId(zone) ? { availabilityZoneId: zone } : { availabilityZone: this.zone(zone) };
  }

  /** Full Availability Zone name from a configured letter. */
  protected zone(letter: string): string {
    return `${this.config.region}${letter}`;
  }
}

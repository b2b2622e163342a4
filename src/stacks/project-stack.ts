import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { isZoneId } from "../config/regions";
import type { ProjectConfig } from "../config/types";
import type { ZonePlacement } from "../constructs/private-network";
import { useS3Backend } from "./s3-backend";
import { requiredVersionConstraint } from "./terraform-version";

export interface ProjectStackProps {
  readonly config: ProjectConfig;
  /** The release in `.terraform-version`, e.g. `1.16.3`. */
  readonly terraformVersion: string;
}

/**
 * What every stack shares: the AWS provider with the project's default tags, the
 * Terraform version constraint, and (unless a stack says otherwise) the S3 backend.
 */
export abstract class ProjectStack extends TerraformStack {
  readonly config: ProjectConfig;

  protected constructor(scope: Construct, name: string, props: ProjectStackProps, backend: "s3" | "local" = "s3") {
    super(scope, name);
    this.config = props.config;
    new AwsProvider(this, "aws", { region: props.config.region, defaultTags: this.defaultTags() });
    this.addOverride("terraform.required_version", requiredVersionConstraint(props.terraformVersion));
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

  /** A subnet's placement from a configured zone: a letter of this region, or an Availability Zone ID. */
  protected placement(zone: string): ZonePlacement {
    return isZoneId(zone) ? { availabilityZoneId: zone } : { availabilityZone: this.zone(zone) };
  }

  /** Full Availability Zone name from a configured letter. */
  protected zone(letter: string): string {
    return `${this.config.region}${letter}`;
  }
}

import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct, IConstruct } from "constructs";
import { pinRequiredProviders } from "./provider-pins";
import { useS3Backend } from "./s3-backend";
import { REQUIRED_TERRAFORM } from "../config/terraform-version";
import type { CommonConfig } from "../config/common";

export interface ProjectStackProps<Config extends CommonConfig = CommonConfig> {
  /** The common keys, plus the section of the stack's own topology. */
  readonly config: Config;
}

/**
 * What every stack shares: the AWS provider with the project's default tags, the
 * Terraform version constraint, the pinned provider releases, and (unless a stack says
 * otherwise) the S3 backend.
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

  /** The project stack `scope` belongs to. */
  static override of(scope: IConstruct): ProjectStack {
    const stack = TerraformStack.of(scope);
    if (!(stack instanceof ProjectStack)) {
      throw new Error(`${scope.node.path} is not inside a ProjectStack`);
    }
    return stack;
  }

  /**
   * cdktf copies maps by assignment, which turns a tag named `__proto__` into a
   * prototype and drops it; AWS accepts the key, so it is put back as the data it is.
   */
  override toTerraform(): any {
    const terraform = super.toTerraform();
    pinRequiredProviders(terraform.terraform?.required_providers, this.node.id);
    const providers: { default_tags?: { tags?: Record<string, unknown> }[] }[] = terraform.provider?.aws ?? [];
    for (const tags of providers.flatMap((provider) => provider.default_tags ?? []).map((entry) => entry.tags)) {
      for (const [key, value] of Object.entries(this.config.tags)) {
        if (tags !== undefined && !Object.hasOwn(tags, key)) {
          Object.defineProperty(tags, key, { value, enumerable: true, writable: true, configurable: true });
        }
      }
    }
    return terraform;
  }

  /** The provider setting that tags every resource with the project, the stack and the configured tags. */
  defaultTags() {
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
}

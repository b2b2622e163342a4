import { Ec2NetworkInsightsAnalysis } from "@cdktf/provider-aws/lib/ec2-network-insights-analysis";
import { Ec2NetworkInsightsPath } from "@cdktf/provider-aws/lib/ec2-network-insights-path";
import type { IResolvable, ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";

export interface ReachabilityAnalysisProps {
  /** Name tag suffix of the path and the analysis. */
  readonly name: string;
  /** Id of the source (an instance). */
  readonly source: string;
  /** Id of the destination (an instance, a VPC endpoint) in the same account as the source. */
  readonly destination: string;
  readonly port: number;
  /** The account the path is analysed in. Default: the stack's. */
  readonly provider?: TerraformProvider;
  /**
   * Everything the path crosses that the instances do not already depend on (rules,
   * listener, acceptance): an analysis run before them would report no path, and it
   * does not run again by itself.
   */
  readonly after: ITerraformDependable[];
}

/**
 * VPC Reachability Analyzer, as article 003 used it: a TCP path and one analysis of it,
 * run when the analysis is created (0.10 USD each) and waited for, so `pathFound` is
 * known when apply ends. Re-run it with `terraform apply -replace` on the analysis.
 */
export class ReachabilityAnalysis extends Construct {
  /** Whether the analysis found a path: true, or false with the reason in the console. */
  readonly pathFound: IResolvable;

  constructor(scope: Construct, id: string, props: ReachabilityAnalysisProps) {
    super(scope, id);
    const path = new Ec2NetworkInsightsPath(this, "path", {
      provider: props.provider,
      source: props.source,
      destination: props.destination,
      protocol: "tcp",
      destinationPort: props.port,
      tags: nameTag(this, props.name),
    });
    const analysis = new Ec2NetworkInsightsAnalysis(this, "analysis", {
      provider: props.provider,
      networkInsightsPathId: path.id,
      waitForCompletion: true,
      tags: nameTag(this, props.name),
      dependsOn: props.after,
    });
    this.pathFound = analysis.pathFound;
  }
}

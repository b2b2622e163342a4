import { blocksOf, booleanOf } from "../../reachability/values";
import type { Finding, GuardrailRule } from "../rule";

export const noPublicIp: GuardrailRule = {
  id: "no-public-ip",
  title: "Nothing gets a public address: instances, subnets, Elastic IPs, load balancers",
  controls: ["checkov CKV_AWS_88", "checkov CKV_AWS_130", "AWS FSBP EC2.9", "AWS FSBP EC2.15", "AWS FSBP EC2.25"],
  rationale: "These topologies are private by design; a public address is reachable from the internet as soon as one security group rule allows it.",
  fix: "set associate_public_ip_address = false on instances, leave map_public_ip_on_launch false, make load balancers internal; where the topology needs one (a NAT gateway's address), declare an exception",
  countJudged({ context }) {
    return context.blocks("aws_instance", "aws_launch_template", "aws_subnet", "aws_eip", "aws_lb", "aws_alb").length;
  },
  check({ context }) {
    const findings: Finding[] = [];
    for (const block of context.blocks("aws_instance")) {
      const value = block.body["associate_public_ip_address"];
      // Its template or its own network interface decides then; both are judged where they are written.
      const decidedElsewhere = value === undefined && ["launch_template", "primary_network_interface", "network_interface"].some((key) => block.body[key] !== undefined);
      if (!decidedElsewhere && booleanOf(value, true) !== false) {
        findings.push({
          address: block.address,
          problem:
            value === undefined
              ? "associate_public_ip_address is unset, so the subnet's setting decides (on in a default VPC)"
              : `associate_public_ip_address is ${JSON.stringify(value)}`,
        });
      }
    }
    for (const block of context.blocks("aws_launch_template")) {
      for (const [index, nic] of blocksOf(block.body["network_interfaces"]).entries()) {
        if (booleanOf(nic["associate_public_ip_address"], false) !== false) {
          findings.push({ address: block.address, problem: `network_interfaces[${index}].associate_public_ip_address is ${JSON.stringify(nic["associate_public_ip_address"])}` });
        }
      }
    }
    for (const block of context.blocks("aws_subnet")) {
      if (booleanOf(block.body["map_public_ip_on_launch"], false) !== false) {
        findings.push({ address: block.address, problem: `map_public_ip_on_launch is ${JSON.stringify(block.body["map_public_ip_on_launch"])}: every instance launched here gets a public address` });
      }
    }
    for (const block of context.blocks("aws_eip")) {
      findings.push({ address: block.address, problem: "an Elastic IP is a public address" });
    }
    for (const block of context.blocks("aws_lb", "aws_alb")) {
      if (block.body["load_balancer_type"] === "gateway") {
        continue; // a Gateway Load Balancer has no listener address, public or private
      }
      const internal = block.body["internal"];
      if (booleanOf(internal, false) !== true) {
        findings.push({
          address: block.address,
          problem: internal === undefined ? "internal is unset, so the load balancer is internet-facing" : `internal is ${JSON.stringify(internal)}`,
        });
      }
    }
    return findings;
  },
};

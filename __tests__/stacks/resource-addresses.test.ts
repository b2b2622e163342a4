import { describe, expect, it } from "vitest";
import { STACK_NAMES } from "../../src/app";
import { addressesOf, synthStack } from "../support/synth";

/**
 * Resource addresses are identities in a real account: a changed address makes
 * Terraform destroy the old resource and create a new one. If this test fails because
 * you renamed a construct id on purpose, write a `moved` block (or `terraform state mv`)
 * for existing deployments before updating the list.
 */
const PINNED: Record<(typeof STACK_NAMES)[number], string[]> = {
  state: [
    "aws_s3_bucket.state-bucket_828F7150",
    "aws_s3_bucket_lifecycle_configuration.state-bucket_lifecycle_C2B75840",
    "aws_s3_bucket_ownership_controls.state-bucket_ownership_A4364906",
    "aws_s3_bucket_policy.state-bucket_policy_7580CD97",
    "aws_s3_bucket_public_access_block.state-bucket_public-access-block_498D68DA",
    "aws_s3_bucket_server_side_encryption_configuration.state-bucket_encryption_09E6F87B",
    "aws_s3_bucket_versioning.state-bucket_versioning_933ED8BF",
    "data.aws_iam_policy_document.state-bucket_tls-only-policy_95DA31FD",
  ],
  peering: [
    "aws_default_security_group.vpc1_default-security-group_C771B8EC",
    "aws_default_security_group.vpc2_default-security-group_4633BF4F",
    "aws_ec2_instance_connect_endpoint.eic_endpoint_A8EE4B2C",
    "aws_instance.ec2-1_instance_92FAF3E1",
    "aws_instance.ec2-2_instance_D4EA2DB7",
    "aws_route.peering_vpc1-private1-route_A1B4662B",
    "aws_route.peering_vpc2-private2-route_274F58C8",
    "aws_route_table.vpc1_private1-route-table_F6BA7FC6",
    "aws_route_table.vpc2_private2-route-table_BBF16BB5",
    "aws_route_table_association.vpc1_private1-route-table-association_2AF318DD",
    "aws_route_table_association.vpc2_private2-route-table-association_328AEC82",
    "aws_security_group.eic-to-ec2_group_4F07C8B2",
    "aws_security_group.eic_security-group_45B878EF",
    "aws_security_group.sg1_group_49137EA8",
    "aws_security_group.sg2_group_09C629C2",
    "aws_subnet.vpc1_private1_8A9D8BCC",
    "aws_subnet.vpc2_private2_71054768",
    "aws_vpc.vpc1_vpc_90663111",
    "aws_vpc.vpc2_vpc_3C30A18A",
    "aws_vpc_peering_connection.peering_connection_E7A626F9",
    "aws_vpc_security_group_egress_rule.eic_security-group_egress-tcp22-to-eic-to-ec2_55A904AF",
    "aws_vpc_security_group_egress_rule.eic_security-group_egress-tcp22-to-operator_D67E7875",
    "aws_vpc_security_group_egress_rule.sg1_egress-icmp-to-sg2_66DDF5CE",
    "aws_vpc_security_group_egress_rule.sg2_egress-icmp-to-sg1_6AC680CA",
    "aws_vpc_security_group_ingress_rule.eic-to-ec2_ingress-tcp22-from-eic-endpoint_3D3906B9",
    "aws_vpc_security_group_ingress_rule.sg1_ingress-icmp-from-sg2_403ED4B5",
    "aws_vpc_security_group_ingress_rule.sg2_ingress-icmp-from-sg1_876AD643",
    "data.aws_ssm_parameter.ami",
    "data.http.operator-address_lookup_208B9F37",
  ],
  "alb-peering": [
    "aws_default_security_group.bar_default-security-group_B4999FF8",
    "aws_default_security_group.foo_default-security-group_80B4F2A3",
    "aws_ec2_instance_connect_endpoint.eic_endpoint_A8EE4B2C",
    "aws_instance.client_instance_0D57A704",
    "aws_instance.web-1_instance_2C4121AE",
    "aws_instance.web-2_instance_51B1EF62",
    "aws_lb.alb_load-balancer_01CCC475",
    "aws_lb_listener.alb_listener_1B64D337",
    "aws_lb_target_group.alb_target-group_8180AAF8",
    "aws_lb_target_group_attachment.alb_web-1-attachment_ADBA9464",
    "aws_lb_target_group_attachment.alb_web-2-attachment_47E21FFA",
    "aws_route.peering_bar-bar-private-route_942B6C9C",
    "aws_route.peering_foo-foo-private-1-route_CE7988B2",
    "aws_route.peering_foo-foo-private-2-route_EAF8E485",
    "aws_route53_record.private-name_record_AC667E56",
    "aws_route53_zone.private-name_zone_CB1D63D6",
    "aws_route_table.bar_bar-private-route-table_7704D2A9",
    "aws_route_table.foo_foo-private-1-route-table_615BB833",
    "aws_route_table.foo_foo-private-2-route-table_9E1E6447",
    "aws_route_table_association.bar_bar-private-route-table-association_4A5BB94D",
    "aws_route_table_association.foo_foo-private-1-route-table-association_FAEFEB51",
    "aws_route_table_association.foo_foo-private-2-route-table-association_1A9FE59F",
    "aws_security_group.alb_security-group_3D017630",
    "aws_security_group.client-sg_group_6E5984C7",
    "aws_security_group.eic_security-group_45B878EF",
    "aws_security_group.web-sg_group_BE7F0C50",
    "aws_subnet.bar_bar-private_2EB01494",
    "aws_subnet.foo_foo-private-1_A91B573E",
    "aws_subnet.foo_foo-private-2_4B75530E",
    "aws_vpc.bar_vpc_3374F3C4",
    "aws_vpc.foo_vpc_29A24228",
    "aws_vpc_peering_connection.peering_connection_E7A626F9",
    "aws_vpc_peering_connection_options.peering_accepter-dns-options_0F6FCBE1",
    "aws_vpc_peering_connection_options.peering_requester-dns-options_EDB27966",
    "aws_vpc_security_group_egress_rule.alb_security-group_egress-tcp8080-to-web_FF31060B",
    "aws_vpc_security_group_egress_rule.client-sg_egress-tcp80-to-alb_FAA4425E",
    "aws_vpc_security_group_egress_rule.eic_security-group_egress-tcp22-to-client_652C9510",
    "aws_vpc_security_group_ingress_rule.alb_security-group_ingress-tcp80-from-client_1EF988AB",
    "aws_vpc_security_group_ingress_rule.client-sg_ingress-tcp22-from-eic-endpoint_70D31CC7",
    "aws_vpc_security_group_ingress_rule.web-sg_ingress-tcp8080-from-alb_66F3CF49",
    "data.aws_ssm_parameter.ami",
  ],
};

describe("pinned resource addresses", () => {
  it.each(STACK_NAMES)("%s keeps every resource address", (name) => {
    expect(addressesOf(synthStack(name).json)).toEqual(PINNED[name]);
  });
});

import { emulatedAuthorization, type Emulator, type EmulatorResponse } from "./emulator";

/*
 * Changes made to the emulator behind Terraform's back, as a person in the console or
 * the AWS CLI makes them: the drift checks' cause.
 */

/** One EC2 Query API call. */
export async function ec2Query(emulator: Emulator, region: string, parameters: Record<string, string>): Promise<EmulatorResponse> {
  const body = new URLSearchParams({ Version: "2016-11-15", ...parameters }).toString();
  return emulator.request("/", { method: "POST", body, headers: { Authorization: emulatedAuthorization("ec2", region), "Content-Type": "application/x-www-form-urlencoded" } });
}

/** The rule a security-group rule resource made, removed by its id. */
export function revokeIngressRule(emulator: Emulator, region: string, groupId: string, ruleId: string): Promise<EmulatorResponse> {
  return ec2Query(emulator, region, { Action: "RevokeSecurityGroupIngress", GroupId: groupId, "SecurityGroupRuleId.1": ruleId });
}

function tcpFromCidr(port: number, cidr: string): Record<string, string> {
  return { "IpPermissions.1.IpProtocol": "tcp", "IpPermissions.1.FromPort": String(port), "IpPermissions.1.ToPort": String(port), "IpPermissions.1.IpRanges.1.CidrIp": cidr };
}

/** An inline ingress rule added to a group, as the console's "Edit inbound rules" adds one. */
export function authorizeTcpIngress(emulator: Emulator, region: string, groupId: string, port: number, cidr: string): Promise<EmulatorResponse> {
  return ec2Query(emulator, region, { Action: "AuthorizeSecurityGroupIngress", GroupId: groupId, ...tcpFromCidr(port, cidr) });
}

export function revokeTcpIngress(emulator: Emulator, region: string, groupId: string, port: number, cidr: string): Promise<EmulatorResponse> {
  return ec2Query(emulator, region, { Action: "RevokeSecurityGroupIngress", GroupId: groupId, ...tcpFromCidr(port, cidr) });
}

/** A private hosted zone's association with a VPC, removed as `aws route53 disassociate-vpc-from-hosted-zone` removes it. */
export function disassociateZone(emulator: Emulator, region: string, zoneId: string, vpcId: string, vpcRegion: string): Promise<EmulatorResponse> {
  const body = `<?xml version="1.0" encoding="UTF-8"?><DisassociateVPCFromHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><VPC><VPCId>${vpcId}</VPCId><VPCRegion>${vpcRegion}</VPCRegion></VPC></DisassociateVPCFromHostedZoneRequest>`;
  const id = zoneId.replace(/^\/?hostedzone\//, "");
  return emulator.request(`/2013-04-01/hostedzone/${id}/disassociatevpc`, { method: "POST", body, headers: { Authorization: emulatedAuthorization("route53", region), "Content-Type": "application/xml" } });
}

import { DataHttp } from "@cdktf/provider-http/lib/data-http";
import { HttpProvider } from "@cdktf/provider-http/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { isIpv4Address } from "../../config/cidr";

export interface OperatorAddressProps {
  /** Fixed address or CIDR. When set, nothing is fetched. */
  readonly cidr?: string;
  /** HTTPS URL answering with the caller's IPv4 address, used when `cidr` is unset. */
  readonly addressUrl: string;
}

/** Terraform's regex syntax; `[.]` instead of `\.` keeps it free of JSON escaping. */
const IPV4_REGEX =
  "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])[.]){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$";

/**
 * The operator's public IPv4 address as a CIDR. Either configured, or fetched at plan
 * time over HTTPS (the article used plain http) and refused by a postcondition unless
 * the answer is exactly one IPv4 address, so an error page never becomes a rule.
 */
export class OperatorAddress extends Construct {
  readonly cidr: string;

  constructor(scope: Construct, id: string, props: OperatorAddressProps) {
    super(scope, id);
    if (props.cidr !== undefined) {
      this.cidr = isIpv4Address(props.cidr) ? `${props.cidr}/32` : props.cidr;
      return;
    }
    new HttpProvider(this, "http");
    const lookup = new DataHttp(this, "lookup", {
      url: props.addressUrl,
      requestHeaders: { Accept: "text/plain" },
      requestTimeoutMs: 10000,
      retry: { attempts: 2 },
      lifecycle: {
        postcondition: [
          {
            condition: `\${self.status_code == 200 && can(regex("${IPV4_REGEX}", trimspace(self.response_body)))}`,
            errorMessage: `${props.addressUrl} did not answer with one IPv4 address. Set peering.operator.cidr in the configuration file instead.`,
          },
        ],
      },
    });
    this.cidr = `${Fn.trimspace(lookup.responseBody)}/32`;
  }
}

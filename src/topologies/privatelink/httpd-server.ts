export interface HttpdServerProps {
  /** The page's text; article 003's was `Hello!`. */
  readonly page: string;
  /** TCP port httpd listens on. */
  readonly port: number;
}

const SAFE_PAGE = /^[\w !?.,:-]{1,200}$/;

/**
 * User data for article 002/003's web server: Apache httpd from the Amazon Linux 2023
 * repositories, serving one page at `/index.html`. The package route (S3 gateway
 * endpoint or NAT) may still be settling when the instance boots, so the install is
 * retried for about five minutes before the script gives up.
 */
export function httpdUserData(props: HttpdServerProps): string {
  if (!SAFE_PAGE.test(props.page)) {
    throw new Error(`httpdUserData: page ${JSON.stringify(props.page)} must be 1-200 letters, digits, spaces or simple punctuation`);
  }
  if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) {
    throw new Error(`httpdUserData: port ${props.port} must be a whole number from 1 to 65535`);
  }
  const listen = props.port === 80 ? [] : [`sed -i 's/^Listen 80$/Listen ${props.port}/' /etc/httpd/conf/httpd.conf`];
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "for attempt in $(seq 1 20); do",
    "  dnf install -y httpd && break",
    '  if [ "$attempt" -eq 20 ]; then echo "httpd could not be installed" >&2; exit 1; fi',
    "  sleep 15",
    "done",
    ...listen,
    `echo '${props.page}' > /var/www/html/index.html`,
    "systemctl enable --now httpd",
    "",
  ].join("\n");
}

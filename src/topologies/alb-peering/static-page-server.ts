export interface StaticPageServerProps {
  /** Shown in the page, so that repeated requests show which server answered. */
  readonly serverName: string;
  /** TCP port to serve HTTP on. */
  readonly port: number;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * User data that serves one static page, like the article's `python -m SimpleHTTPServer
 * 8080`, with nothing to download: Amazon Linux 2023 ships Python 3, and the private
 * subnets have no way out. systemd runs it as a throwaway unprivileged user and
 * restarts it after a reboot or a crash, which the article's shell session did not.
 */
export function staticPageServerUserData(props: StaticPageServerProps): string {
  if (!SAFE_NAME.test(props.serverName)) {
    throw new Error(`staticPageServerUserData: serverName ${JSON.stringify(props.serverName)} must be lowercase letters, digits and hyphens`);
  }
  if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) {
    throw new Error(`staticPageServerUserData: port ${props.port} must be a whole number from 1 to 65535`);
  }
  // Ports below 1024 need this one capability; the service gets nothing else.
  const bindCapability = props.port < 1024 ? ["AmbientCapabilities=CAP_NET_BIND_SERVICE"] : [];
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "install -d -m 0755 /srv/www",
    "cat > /srv/www/index.html <<'PAGE'",
    "<html>",
    `  <head><title>Welcome to ${props.serverName}</title></head>`,
    `  <body>Hello World from ${props.serverName}</body>`,
    "</html>",
    "PAGE",
    "cat > /etc/systemd/system/static-page.service <<'UNIT'",
    "[Unit]",
    "Description=Static test page behind the internal ALB",
    "After=network-online.target",
    "Wants=network-online.target",
    "",
    "[Service]",
    "DynamicUser=yes",
    ...bindCapability,
    `ExecStart=/usr/bin/python3 -m http.server ${props.port} --directory /srv/www`,
    "Restart=always",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "UNIT",
    "systemctl daemon-reload",
    "systemctl enable --now static-page.service",
    "",
  ].join("\n");
}

package io.hookstream.tools.internal;

import java.net.InetAddress;

/**
 * Where a request goes after the SSRF guard passed it: the host as written (for the Host header,
 * SNI and certificate checks) and the one checked address the socket connects to.
 */
record GuardedTarget(String host, int port, boolean https, InetAddress address) {

  /** The Host header value: the port only when it is not the scheme's default. */
  String hostHeader() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (https ? 443 : 80) ? h : h + ":" + port;
  }
}

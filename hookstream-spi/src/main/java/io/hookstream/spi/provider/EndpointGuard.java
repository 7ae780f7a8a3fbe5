package io.hookstream.spi.provider;

import io.hookstream.spi.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The SSRF guard for a custom endpoint: every address its host resolves to must pass the {@link
 * AddressPolicy}. The client resolves the name again when it connects, so a name that changes its
 * answer in between (DNS rebinding) is not caught; the cloud's own default endpoints are not
 * checked. Stateless.
 */
public final class EndpointGuard {

  private EndpointGuard() {}

  /** Why {@code endpoint} is refused, or null when it is allowed (or absent). */
  public static String rejection(URI endpoint, AddressPolicy policy) {
    return endpoint == null ? null : check(endpoint.getHost(), policy);
  }

  /**
   * Why {@code host} (a name or an IP literal, IPv6 with or without brackets, as in a {@code
   * host:port} list) is refused, or null when it is allowed.
   */
  public static String rejection(String host, AddressPolicy policy) {
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    return check(bracketed ? host.substring(1, host.length() - 1) : host, policy);
  }

  private static String check(String host, AddressPolicy policy) {
    try {
      InetAddress[] addresses =
          AddressPolicy.isIpLiteral(host)
              ? new InetAddress[] {AddressPolicy.literal(host)}
              : InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        String rejection = policy.rejection(host, address);
        if (rejection != null) {
          return rejection;
        }
      }
      return null;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null; // the client reports the lookup failure as a network error, which is retried
    }
  }
}

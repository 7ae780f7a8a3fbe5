package io.hookstream.providers.kafka.internal;

import io.hookstream.spi.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard for the hosts a delivery connects to first: the bootstrap servers or the REST
 * Proxy. Every address a host resolves to must pass the {@link AddressPolicy}. Brokers advertise
 * their own hosts in metadata and the producer connects to those unchecked, so the guard covers the
 * bootstrap address only. Stateless.
 */
final class AddressGuard {

  private AddressGuard() {}

  /** Why {@code host} is refused, or null when it is allowed. */
  static String rejection(String host, AddressPolicy policy) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] addresses =
          AddressPolicy.isIpLiteral(bare)
              ? new InetAddress[] {AddressPolicy.literal(bare)}
              : InetAddress.getAllByName(bare);
      for (InetAddress address : addresses) {
        String rejection = policy.rejection(bare, address);
        if (rejection != null) {
          return rejection;
        }
      }
      return null;
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null; // the client reports the failed lookup as a network error, which is retried
    }
  }
}

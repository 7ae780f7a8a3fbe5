package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The SSRF guard for the broker's host (Management API or AMQP): every address it resolves to must
 * pass the {@link AddressPolicy}. The client resolves the name again when it connects, so DNS
 * rebinding in between is not caught. Stateless.
 */
final class AddressGuard {

  private AddressGuard() {}

  /** Why {@code host} is refused, or null when it is allowed. */
  static String rejection(String host, AddressPolicy policy) {
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
      return null; // connecting reports the lookup failure as a network error, which is retried
    }
  }
}

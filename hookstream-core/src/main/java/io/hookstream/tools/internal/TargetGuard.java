package io.hookstream.tools.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.HookstreamException;
import io.hookstream.tools.HostResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The SSRF guard of the tools, DNS rebinding included: a host name is resolved once, every address
 * it resolves to is checked, and the request connects to the first checked address, never to a
 * second lookup's answer. Thread-safe.
 */
final class TargetGuard {

  private final AddressPolicy policy;
  private final HostResolver resolver;

  TargetGuard(boolean allowPrivateNetworks, HostResolver resolver) {
    this.policy = new AddressPolicy(allowPrivateNetworks);
    this.resolver = resolver;
  }

  /**
   * The checked target of {@code uri}.
   *
   * @throws HookstreamException 422 naming {@code field} when an address is refused
   * @throws UnknownHostException when the name does not resolve
   */
  GuardedTarget resolve(URI uri, String field) throws UnknownHostException {
    boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
    String host = uri.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    if (AddressPolicy.isIpLiteral(bare)) {
      try {
        addresses = new InetAddress[] {AddressPolicy.literal(bare)};
      } catch (IllegalArgumentException e) {
        throw HookstreamException.invalid(field, "host " + bare + " is not a valid IP address");
      }
    } else {
      addresses = resolver.resolve(bare);
      if (addresses == null || addresses.length == 0) {
        throw new UnknownHostException(bare);
      }
    }
    for (InetAddress address : addresses) {
      String refusal = policy.rejection(bare, address);
      if (refusal != null) {
        // The opt-out of the tools is the engine's, not a provider's.
        throw HookstreamException.invalid(
            field, refusal.replace("build the provider with", "build the engine with"));
      }
    }
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    return new GuardedTarget(bare, port, https, addresses[0]);
  }
}

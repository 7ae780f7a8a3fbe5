package io.hookstream.providers.http.internal;

import io.hookstream.spi.AddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;

/**
 * A resolver that refuses hosts resolving to an address the {@link AddressPolicy} blocks. OkHttp
 * connects only to the addresses this returns, so the check holds after DNS resolution and a name
 * rebound to a private address is caught. A host is refused if any of its addresses is blocked.
 *
 * <p>Safe for concurrent use when the delegate is.
 */
public final class GuardedDns implements Dns {

  private final Dns delegate;
  private final AddressPolicy policy;

  public GuardedDns(Dns delegate, AddressPolicy policy) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = delegate.lookup(hostname);
    for (InetAddress address : addresses) {
      String rejection = policy.rejection(hostname, address);
      if (rejection != null) {
        throw new BlockedAddressException(rejection);
      }
    }
    return addresses;
  }
}

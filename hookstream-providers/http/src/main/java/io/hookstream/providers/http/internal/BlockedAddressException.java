package io.hookstream.providers.http.internal;

import io.hookstream.spi.AddressPolicy;
import java.net.UnknownHostException;

/**
 * Thrown by {@link GuardedDns} when a host resolves to an address the {@link AddressPolicy}
 * refuses; it extends {@link UnknownHostException} because that is what {@code okhttp3.Dns} may
 * throw. The message names the address and the opt-out.
 */
public final class BlockedAddressException extends UnknownHostException {

  private static final long serialVersionUID = 1L;

  public BlockedAddressException(String message) {
    super(message);
  }
}

package io.hookstream.ingest;

import io.hookstream.spi.HookstreamException;
import java.util.Arrays;
import java.util.List;

/**
 * The reverse proxies (addresses and CIDR ranges) whose forwarding headers the engine believes. By
 * default there are none: the client IP is the transport's remote address and {@code
 * CF-Connecting-IP} and {@code X-Forwarded-For} are ignored, because any sender can write them.
 * When the remote address is a trusted proxy, the client is taken from {@code CF-Connecting-IP},
 * else from {@code X-Forwarded-For} walked from the right, skipping trusted proxies.
 *
 * <p>Only trust a proxy that overwrites or strips both headers on the way in. Immutable and safe
 * for concurrent use.
 */
public final class TrustedProxies {

  private static final TrustedProxies NONE = new TrustedProxies(IpRules.empty());

  private final IpRules rules;

  private TrustedProxies(IpRules rules) {
    this.rules = rules;
  }

  /** Trust no proxy: the default. */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * Trusts the given addresses and CIDR ranges (comma-separated strings are split).
   *
   * @throws IllegalArgumentException naming every entry that is not an address or range
   */
  public static TrustedProxies of(List<String> entries) {
    try {
      IpRules rules = IpRules.parse(entries, "trusted_proxies");
      return rules.isEmpty() ? NONE : new TrustedProxies(rules);
    } catch (HookstreamException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** {@link #of(List)} for varargs. */
  public static TrustedProxies of(String... entries) {
    return of(Arrays.asList(entries));
  }

  /** Whether {@code ip} is a trusted proxy. */
  public boolean trusts(String ip) {
    return rules.contains(ip);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The configured entries. */
  public List<String> entries() {
    return rules.entries();
  }

  @Override
  public String toString() {
    return "TrustedProxies" + rules.entries();
  }
}

package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.TrustedProxies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides which address sent a request. Without trusted proxies it is the transport's remote
 * address, whatever the headers say. When the remote address is a trusted proxy, it is {@code
 * CF-Connecting-IP} if that holds an address, else the first hop of {@code X-Forwarded-For} (or,
 * without it, the {@code for=} hops of RFC 7239 {@code Forwarded}), walked from the right, that is
 * not itself a trusted proxy (if every hop is trusted, the leftmost; if a hop is not an address,
 * the last good hop before it). Addresses come back in canonical form (IPv4-mapped IPv6 as plain
 * IPv4). Immutable and safe for concurrent use.
 */
public final class ClientIpResolver {

  private final TrustedProxies trustedProxies;

  public ClientIpResolver(TrustedProxies trustedProxies) {
    this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
  }

  /** The client address of {@code request}; the raw remote address if it is not a literal. */
  public String resolve(IngestRequest request) {
    return resolve(request.clientIp(), name -> request.headers().getOrDefault(name, List.of()));
  }

  /**
   * The client address of a request from {@code remote}; {@code headers} gives the values of a
   * lower-case header name (empty when absent). Headers are read only from a trusted proxy.
   */
  public String resolve(String remote, Function<String, List<String>> headers) {
    if (trustedProxies.isEmpty() && IpAddresses.isCanonicalIpv4(remote)) {
      return remote; // the common case, already what parsing and formatting would give
    }
    byte[] remoteAddress = IpAddresses.parseHost(remote);
    if (remoteAddress == null) {
      return remote;
    }
    String client = IpAddresses.format(remoteAddress);
    if (!trustedProxies.trusts(client)) {
      return client;
    }
    List<String> connectingValues = headers.apply("cf-connecting-ip");
    byte[] connecting =
        IpAddresses.parseHost(connectingValues.isEmpty() ? null : connectingValues.get(0));
    if (connecting != null) {
      return IpAddresses.format(connecting);
    }
    List<String> hops = hops(String.join(",", headers.apply("x-forwarded-for")));
    if (hops.isEmpty()) {
      hops = forwardedFor(String.join(",", headers.apply("forwarded")));
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      byte[] hop = IpAddresses.parseHost(hops.get(i));
      if (hop == null) {
        return client;
      }
      client = IpAddresses.format(hop);
      if (!trustedProxies.trusts(client)) {
        return client;
      }
    }
    return client;
  }

  private static List<String> hops(String joined) {
    List<String> hops = new ArrayList<>();
    for (String hop : joined.split(",")) {
      if (!hop.isBlank()) {
        hops.add(hop.trim());
      }
    }
    return hops;
  }

  /** The {@code for=} values of a {@code Forwarded} header, quotes removed, in order. */
  private static List<String> forwardedFor(String joined) {
    List<String> hops = new ArrayList<>();
    for (String element : joined.split(",")) {
      for (String pair : element.split(";")) {
        String p = pair.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
          hops.add(p.substring(4).replace("\"", ""));
        }
      }
    }
    return hops;
  }
}

package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.TrustedProxies;
import java.util.List;
import java.util.Objects;

/**
 * Decides which address sent a request. Without trusted proxies it is the transport's remote
 * address, whatever the headers say. When the remote address is a trusted proxy, it is {@code
 * CF-Connecting-IP} if that holds an address, else the first hop of {@code X-Forwarded-For},
 * walked from the right, that is not itself a trusted proxy (if every hop is trusted, the
 * leftmost; if a hop is not an address, the last good hop before it). Addresses come back in
 * canonical form (IPv4-mapped IPv6 as plain IPv4). Immutable and safe for concurrent use.
 */
public final class ClientIpResolver {

  private final TrustedProxies trustedProxies;

  public ClientIpResolver(TrustedProxies trustedProxies) {
    this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
  }

  /** The client address of {@code request}; the raw remote address if it is not a literal. */
  public String resolve(IngestRequest request) {
    String remote = request.clientIp();
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
    byte[] connecting = IpAddresses.parseHost(request.header("cf-connecting-ip").orElse(null));
    if (connecting != null) {
      return IpAddresses.format(connecting);
    }
    List<String> forwarded = request.headers().getOrDefault("x-forwarded-for", List.of());
    String[] hops = String.join(",", forwarded).split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      byte[] hop = IpAddresses.parseHost(hops[i]);
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
}

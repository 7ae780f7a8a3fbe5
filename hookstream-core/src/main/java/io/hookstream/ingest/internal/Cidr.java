package io.hookstream.ingest.internal;

import java.util.Arrays;

/**
 * One IP range: a network address (4 or 16 bytes) and a prefix length. An IPv4 range matches only
 * IPv4 addresses (callers unmap IPv4-mapped IPv6 first) and an IPv6 range only IPv6 addresses.
 * Immutable.
 */
public final class Cidr {

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses {@code a.b.c.d}, {@code a.b.c.d/n}, an IPv6 literal or {@code v6/n}; null if it is none
   * of these. Host bits below the prefix are cleared ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). An
   * IPv4-mapped IPv6 range of /96 or longer becomes the IPv4 range it covers.
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String addressText = slash < 0 ? text : text.substring(0, slash);
    byte[] address = IpAddresses.parseLiteral(addressText);
    if (address == null) {
      return null;
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      prefix = parsePrefix(text.substring(slash + 1), bits);
      if (prefix < 0) {
        return null;
      }
    }
    if (IpAddresses.isMapped(address) && prefix >= 96) {
      address = IpAddresses.unmap(address);
      prefix -= 96;
    }
    return new Cidr(mask(address, prefix), prefix);
  }

  /** Whether {@code address} (4 or 16 bytes, already unmapped) lies in this range. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int m = (0xff << (8 - rest)) & 0xff;
    return (address[full] & m) == (network[full] & 0xff);
  }

  @Override
  public String toString() {
    return IpAddresses.format(network) + "/" + prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  private static int parsePrefix(String s, int max) {
    if (s.isEmpty() || s.length() > 3 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= max ? v : -1;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - 8 * i));
      out[i] = (byte) (out[i] & ((0xff << (8 - keep)) & 0xff));
    }
    return out;
  }
}

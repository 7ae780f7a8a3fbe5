package io.hookstream.spi;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SSRF guard's rule: which resolved addresses a delivery may connect to. Loopback, private,
 * link-local, CGNAT, unspecified, multicast and reserved ranges are refused unless private networks
 * are allowed; cloud metadata addresses are refused always.
 *
 * <p>Shared by every provider that connects to a user-given host (the HTTP provider after DNS
 * resolution, custom cloud endpoints). Immutable and safe for concurrent use.
 */
public final class AddressPolicy {

  // Declared before the ranges: building them parses literals.
  private static final Pattern IP_LITERAL =
      Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private static final String OPT_OUT =
      "hookstream refuses private and local networks to prevent server-side request forgery;"
          + " build the provider with allowPrivateNetworks(true) for local development";

  private static final List<Range> METADATA =
      List.of(
          Range.of("169.254.169.254/32", "a cloud metadata address"),
          Range.of("168.63.129.16/32", "a cloud metadata address (Azure)"),
          Range.of("100.100.100.200/32", "a cloud metadata address (Alibaba Cloud)"),
          Range.of("fd00:ec2::254/128", "a cloud metadata address (AWS IPv6)"));

  private static final List<Range> PRIVATE =
      List.of(
          Range.of("0.0.0.0/8", "an unspecified address"),
          Range.of("10.0.0.0/8", "a private address (10.0.0.0/8)"),
          Range.of("100.64.0.0/10", "a carrier-grade NAT address (100.64.0.0/10)"),
          Range.of("127.0.0.0/8", "a loopback address"),
          Range.of("169.254.0.0/16", "a link-local address"),
          Range.of("172.16.0.0/12", "a private address (172.16.0.0/12)"),
          Range.of("192.0.0.0/24", "an IETF protocol assignment address (192.0.0.0/24)"),
          Range.of("192.168.0.0/16", "a private address (192.168.0.0/16)"),
          Range.of("198.18.0.0/15", "a benchmarking address (198.18.0.0/15)"),
          Range.of("224.0.0.0/4", "a multicast address"),
          Range.of("240.0.0.0/4", "a reserved or broadcast address"),
          Range.of("::/128", "an unspecified address"),
          Range.of("::1/128", "a loopback address"),
          Range.of("fe80::/10", "a link-local address"),
          Range.of("fec0::/10", "a site-local address"),
          Range.of("fc00::/7", "a unique local (private) address"),
          Range.of("ff00::/8", "a multicast address"));

  private final boolean allowPrivateNetworks;

  public AddressPolicy(boolean allowPrivateNetworks) {
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /**
   * Why a delivery to {@code address} (reached through {@code host}) is refused, as a message that
   * names the address and the opt-out; null when the address is allowed.
   */
  public String rejection(String host, InetAddress address) {
    // A literal is named as the user wrote it; a resolved name shows both.
    String where =
        isIpLiteral(host) ? host : address.getHostAddress() + " (resolved from " + host + ")";
    String metadata = matchAny(METADATA, address);
    if (metadata != null) {
      return "delivery to "
          + where
          + " refused: it is "
          + metadata
          + "; metadata endpoints are refused always, even with allowPrivateNetworks(true)";
    }
    if (allowPrivateNetworks) {
      return null;
    }
    String local = matchAny(PRIVATE, address);
    return local == null
        ? null
        : "delivery to " + where + " refused: it is " + local + "; " + OPT_OUT;
  }

  /** The label of the first range holding {@code address} or an IPv4 address embedded in it. */
  private static String matchAny(List<Range> ranges, InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range range : ranges) {
      if (range.contains(bytes)) {
        return range.label;
      }
    }
    byte[] embedded = embeddedIpv4(address);
    return embedded == null ? null : matchAny(ranges, toAddress(embedded));
  }

  /** IPv4 carried inside IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
  private static byte[] embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return null;
    }
    byte[] b = address.getAddress();
    boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16);
    boolean nat64 =
        b[0] == 0
            && b[1] == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b
            && allZero(b, 4, 12);
    if (compatible || nat64) {
      return new byte[] {b[12], b[13], b[14], b[15]};
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]};
    }
    return null;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress toAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes always make an address", e);
    }
  }

  /** One CIDR block. */
  private static final class Range {
    private final byte[] prefix;
    private final int bits;
    private final String label;

    private Range(byte[] prefix, int bits, String label) {
      this.prefix = prefix;
      this.bits = bits;
      this.label = label;
    }

    static Range of(String cidr, String label) {
      int slash = cidr.indexOf('/');
      InetAddress base = literal(cidr.substring(0, slash));
      return new Range(base.getAddress(), Integer.parseInt(cidr.substring(slash + 1)), label);
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  /**
   * Whether {@code host} is an IP literal, by the rule OkHttp uses to skip its {@code Dns} (so such
   * hosts must be checked before the call).
   */
  public static boolean isIpLiteral(String host) {
    return IP_LITERAL.matcher(host).matches();
  }

  /**
   * Parses an IP literal (IPv6 with or without brackets) without any DNS lookup; IPv4 only as a
   * dotted quad of decimals, since other spellings (2130706433, 0x7f.1) hide addresses.
   *
   * @throws IllegalArgumentException if {@code ip} is not such a literal
   */
  public static InetAddress literal(String ip) {
    String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    try {
      if (bare.indexOf(':') >= 0 && IP_LITERAL.matcher(bare).matches()) {
        return InetAddress.getByName(bare); // a colon makes the JDK parse it or fail, never resolve
      }
      if (DOTTED_QUAD.matcher(bare).matches()) {
        String[] parts = bare.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(parts[i]);
          if (part > 255) {
            throw new IllegalArgumentException("not an IP address: " + ip);
          }
          bytes[i] = (byte) part;
        }
        return InetAddress.getByAddress(bytes);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
    throw new IllegalArgumentException("not an IP address: " + ip);
  }
}

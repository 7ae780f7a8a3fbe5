package io.hookstream.ingest.internal;

import java.util.Arrays;

/**
 * Parses and formats IP address literals without any name resolution: a host name is simply not a
 * literal. IPv4 is strict dotted-quad (no leading zeros, which some parsers read as octal); IPv6 is
 * RFC 4291 text, with {@code ::} compression and a dotted IPv4 tail. Stateless.
 */
public final class IpAddresses {

  private static final byte[] MAPPED_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
  };

  private IpAddresses() {}

  /** 4 or 16 bytes, or null if {@code text} is not an IPv4 or IPv6 literal. Mapped stays 16. */
  public static byte[] parseLiteral(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
  }

  /**
   * Parses an address as a transport or a forwarding header writes it, tolerating {@code [v6]},
   * {@code [v6]:port}, {@code v4:port} and a zone id, and unmapping IPv4-mapped IPv6. Null if it is
   * not an address.
   */
  public static byte[] parseHost(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || !(close == s.length() - 1 || s.charAt(close + 1) == ':')) {
        return null;
      }
      s = s.substring(1, close);
    } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0 && s.indexOf('.') > 0) {
      s = s.substring(0, s.indexOf(':')); // a.b.c.d:port
    }
    int zone = s.indexOf('%');
    if (zone > 0 && s.indexOf(':') >= 0) {
      s = s.substring(0, zone);
    }
    byte[] raw = parseLiteral(s);
    return raw == null ? null : unmap(raw);
  }

  /**
   * Whether {@code text} is a dotted-quad IPv4 address exactly as {@link #format} writes it (four
   * decimal octets up to 255, no leading zeros, nothing else), checked without allocating.
   */
  public static boolean isCanonicalIpv4(String text) {
    if (text == null) {
      return false;
    }
    int octets = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
        value = value * 10 + (text.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
        return false;
      }
      octets++;
      if (i == n) {
        break;
      }
      if (text.charAt(i) != '.' || octets == 4) {
        return false;
      }
      i++;
      if (i == n) {
        return false;
      }
    }
    return octets == 4;
  }

  /** Whether 16 bytes are an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}). */
  public static boolean isMapped(byte[] address) {
    return address.length == 16
        && Arrays.equals(address, 0, MAPPED_PREFIX.length, MAPPED_PREFIX, 0, MAPPED_PREFIX.length);
  }

  /** The IPv4 address inside an IPv4-mapped IPv6 address; any other address unchanged. */
  public static byte[] unmap(byte[] address) {
    return isMapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
  }

  /** Dotted-quad IPv4, or RFC 5952 canonical IPv6 (lower case, longest zero run as ::). */
  public static String format(byte[] address) {
    if (address.length == 4) {
      return (address[0] & 0xff)
          + "."
          + (address[1] & 0xff)
          + "."
          + (address[2] & 0xff)
          + "."
          + (address[3] & 0xff);
    }
    if (isMapped(address)) {
      return "::ffff:" + format(unmap(address));
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1; // a single zero group is never compressed
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  private static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    return parseIpv4Into(s, out, 0) ? out : null;
  }

  private static boolean parseIpv4Into(String s, byte[] out, int offset) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        char c = p.charAt(k);
        if (c < '0' || c > '9') {
          return false;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return false;
      }
      out[offset + i] = (byte) v;
    }
    return true;
  }

  private static byte[] parseIpv6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    byte[] head = new byte[16];
    byte[] tail = new byte[16];
    int headLen;
    int tailLen;
    if (gap < 0) {
      headLen = parseGroups(s, head, true);
      return headLen == 16 ? head : null;
    }
    headLen = gap == 0 ? 0 : parseGroups(s.substring(0, gap), head, false);
    String rest = s.substring(gap + 2);
    tailLen = rest.isEmpty() ? 0 : parseGroups(rest, tail, true);
    if (headLen < 0 || tailLen < 0 || headLen + tailLen > 14) {
      return null; // "::" stands for at least one zero group
    }
    byte[] out = new byte[16];
    System.arraycopy(head, 0, out, 0, headLen);
    System.arraycopy(tail, 0, out, 16 - tailLen, tailLen);
    return out;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /** Parses colon-separated groups into {@code out}; returns the bytes written, or -1. */
  private static int parseGroups(String s, byte[] out, boolean ipv4TailAllowed) {
    String[] groups = s.split(":", -1);
    int n = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (i == groups.length - 1 && ipv4TailAllowed && g.indexOf('.') >= 0) {
        if (n + 4 > 16 || !parseIpv4Into(g, out, n)) {
          return -1;
        }
        return n + 4;
      }
      if (g.isEmpty() || g.length() > 4 || n + 2 > 16) {
        return -1;
      }
      int v = 0;
      for (int k = 0; k < g.length(); k++) {
        int d = hexDigit(g.charAt(k));
        if (d < 0) {
          return -1;
        }
        v = (v << 4) | d;
      }
      out[n++] = (byte) (v >>> 8);
      out[n++] = (byte) v;
    }
    return n;
  }
}

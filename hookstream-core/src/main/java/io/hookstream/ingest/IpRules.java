package io.hookstream.ingest;

import io.hookstream.ingest.internal.Cidr;
import io.hookstream.ingest.internal.IpAddresses;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled IP allowlist or denylist: single addresses and CIDR ranges, IPv4 and IPv6. Entries may
 * come as a list or as comma-separated strings (the dashboard's shape); {@link #normalize} turns
 * either into one entry per element. Nothing is ever resolved through DNS: an entry that is not an
 * address literal is invalid. An IPv4-mapped IPv6 client ({@code ::ffff:10.0.0.1}) is matched as
 * the IPv4 address it carries; IPv6 ranges match only IPv6 clients.
 *
 * <p>Immutable and safe for concurrent use.
 */
public final class IpRules {

  private static final IpRules EMPTY = new IpRules(List.of(), List.of());

  private final List<String> entries;
  private final List<Cidr> ranges;

  private IpRules(List<String> entries, List<Cidr> ranges) {
    this.entries = List.copyOf(entries);
    this.ranges = List.copyOf(ranges);
  }

  /** Rules that match nothing. */
  public static IpRules empty() {
    return EMPTY;
  }

  /**
   * Splits every element on commas, trims, and drops empty pieces: {@code ["1.2.3.4, 10.0.0.0/8"]}
   * becomes {@code ["1.2.3.4", "10.0.0.0/8"]}. A null list is empty.
   */
  public static List<String> normalize(List<String> entries) {
    List<String> out = new ArrayList<>();
    if (entries == null) {
      return out;
    }
    for (String entry : entries) {
      if (entry != null) {
        for (String piece : entry.split(",", -1)) {
          String t = piece.trim();
          if (!t.isEmpty()) {
            out.add(t);
          }
        }
      }
    }
    return out;
  }

  /** {@link #normalize(List)} of one comma-separated string; null is empty. */
  public static List<String> normalize(String commaSeparated) {
    return normalize(commaSeparated == null ? null : List.of(commaSeparated));
  }

  /**
   * The problems with {@code entries} (normalized first), each naming {@code fieldName} and the
   * index of the bad entry in the normalized list, such as {@code ip_allowlist.2: not an IP address
   * or CIDR range: "10.0.0.0/33"}. Empty when all are valid.
   */
  public static List<FieldError> validate(List<String> entries, String fieldName) {
    List<FieldError> errors = new ArrayList<>();
    List<String> normalized = normalize(entries);
    for (int i = 0; i < normalized.size(); i++) {
      if (Cidr.parse(normalized.get(i)) == null) {
        errors.add(invalidEntry(fieldName + "." + i, normalized.get(i)));
      }
    }
    return errors;
  }

  /**
   * Compiles {@code entries} (normalized first).
   *
   * @throws HookstreamException {@code VALIDATION_FAILED} (422) listing every bad entry as in
   *     {@link #validate}
   */
  public static IpRules parse(List<String> entries, String fieldName) {
    List<FieldError> errors = validate(entries, fieldName);
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
    List<String> normalized = normalize(entries);
    if (normalized.isEmpty()) {
      return EMPTY;
    }
    return new IpRules(normalized, normalized.stream().map(Cidr::parse).toList());
  }

  /** The normalized entries as given. */
  public List<String> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /**
   * Whether {@code ip} lies in any range. False when {@code ip} is null or not an address literal;
   * {@code [v6]}, a port and a zone id are tolerated, as transports write them.
   */
  public boolean contains(String ip) {
    byte[] address = IpAddresses.parseHost(ip);
    if (address == null) {
      return false;
    }
    for (Cidr range : ranges) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "IpRules" + entries;
  }

  private static FieldError invalidEntry(String field, String entry) {
    return new FieldError(field, "not an IP address or CIDR range: \"" + entry + "\"");
  }
}

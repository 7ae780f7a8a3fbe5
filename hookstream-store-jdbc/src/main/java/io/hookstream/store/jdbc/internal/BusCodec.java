package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.ChannelBus.BusMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text form of a bus message in a NOTIFY payload: {@code m} then each field as {@code
 * <length>:<text>} (no escaping needed), or {@code r<key>} for a message stored elsewhere. Null
 * fields are written as length {@code -}.
 */
public final class BusCodec {

  private BusCodec() {}

  public static String encode(BusMessage m) {
    StringBuilder out = new StringBuilder("m");
    for (String field : new String[] {m.orgId(), m.channel(), m.type(), m.json()}) {
      if (field == null) {
        out.append("-:");
      } else {
        out.append(field.length()).append(':').append(field);
      }
    }
    return out.toString();
  }

  public static BusMessage decode(String text) {
    if (!text.startsWith("m")) {
      throw new IllegalArgumentException("not a bus message");
    }
    List<String> fields = new ArrayList<>();
    int at = 1;
    while (fields.size() < 4) {
      int colon = text.indexOf(':', at);
      String length = text.substring(at, colon);
      if (length.equals("-")) {
        fields.add(null);
        at = colon + 1;
      } else {
        int end = colon + 1 + Integer.parseInt(length);
        fields.add(text.substring(colon + 1, end));
        at = end;
      }
    }
    return new BusMessage(fields.get(0), fields.get(1), fields.get(2), fields.get(3));
  }

  public static String reference(String key) {
    return "r" + key;
  }

  /** The key of a by-reference payload, or empty for an inline message. */
  public static Optional<String> referenceKey(String payload) {
    return payload.startsWith("r") ? Optional.of(payload.substring(1)) : Optional.empty();
  }

  public static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}

package io.hookstream.verify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.ingest.IngestRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A header of {@code key=value} items holding a timestamp and one or more hex signatures, signed as
 * {@code timestamp + separator + body}: Stripe's {@code t=..,v1=..,v1=..} (".") and Paddle's {@code
 * ts=..;h1=..} (":"). Items with other keys (Stripe's {@code v0}) are ignored.
 */
final class KeyValueHeaderFormat implements SignatureFormat {

  private final String header;
  private final String itemSeparator;
  private final String timestampKey;
  private final String signatureKey;
  private final String contentSeparator;

  KeyValueHeaderFormat(
      String header,
      char itemSeparator,
      String timestampKey,
      String signatureKey,
      String contentSeparator) {
    this.header = header;
    this.itemSeparator = java.util.regex.Pattern.quote(String.valueOf(itemSeparator));
    this.timestampKey = timestampKey;
    this.signatureKey = signatureKey;
    this.contentSeparator = contentSeparator;
  }

  @Override
  public Presented read(IngestRequest request) {
    String value = SignatureFormat.required(request, header);
    String timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String item : value.split(itemSeparator)) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = item.substring(0, eq).trim();
      String itemValue = item.substring(eq + 1).trim();
      if (key.equals(timestampKey) && timestamp == null) {
        timestamp = itemValue;
      } else if (key.equals(signatureKey)) {
        byte[] decoded = Codecs.hex(itemValue);
        signatures.add(decoded == null ? new byte[0] : decoded); // undecodable: cannot match
      }
    }
    if (timestamp == null) {
      throw Rejections.malformed(header, "no " + timestampKey + "= timestamp");
    }
    if (signatures.isEmpty()) {
      throw Rejections.malformed(header, "no " + signatureKey + "= signature");
    }
    Instant instant = Timestamps.parseSeconds(timestamp, header);
    byte[] content = (timestamp + contentSeparator).getBytes(UTF_8);
    return new Presented(content, instant, header, signatures, header);
  }
}

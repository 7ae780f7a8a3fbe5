package io.hookstream.verify.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hookstream.ingest.IngestRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One signature in one header, optionally behind a prefix ({@code sha256=}, {@code v0=}), with an
 * optional timestamp in a second header that is signed as {@code before + timestamp + separator +
 * body}. Used by the generic HMAC schemes, Slack and Linear.
 */
final class SingleHeaderFormat implements SignatureFormat {

  /** Prefixes stripped when none is configured: GitHub's, Intercom's and Typeform's. */
  private static final List<String> KNOWN_PREFIXES = List.of("sha256=", "sha1=");

  private final String header;
  private final String prefix;
  private final Encoding encoding;
  private final int macLength;
  private final String timestampHeader;
  private final String before;
  private final String separator;

  /**
   * @param prefix required prefix, or null to strip a known one if present
   * @param encoding the encoding, or null to tell hex from base64 by length
   * @param timestampHeader the timestamp header, or null to sign the body alone
   */
  SingleHeaderFormat(
      String header,
      String prefix,
      Encoding encoding,
      int macLength,
      String timestampHeader,
      String before,
      String separator) {
    this.header = header;
    this.prefix = prefix;
    this.encoding = encoding;
    this.macLength = macLength;
    this.timestampHeader = timestampHeader;
    this.before = before;
    this.separator = separator;
  }

  @Override
  public Presented read(IngestRequest request) {
    byte[] signature = decode(stripPrefix(SignatureFormat.required(request, header)));
    if (timestampHeader == null) {
      return new Presented(new byte[0], null, null, List.of(signature), header);
    }
    String timestamp = SignatureFormat.required(request, timestampHeader);
    Instant instant = Timestamps.parseSeconds(timestamp, timestampHeader);
    byte[] content = (before + timestamp + separator).getBytes(UTF_8);
    return new Presented(content, instant, timestampHeader, List.of(signature), header);
  }

  private String stripPrefix(String value) {
    if (prefix != null) {
      if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
        throw Rejections.malformed(header, "value does not start with '" + prefix + "'");
      }
      return value.substring(prefix.length());
    }
    for (String known : KNOWN_PREFIXES) {
      if (value.regionMatches(true, 0, known, 0, known.length())) {
        return value.substring(known.length());
      }
    }
    return value;
  }

  private byte[] decode(String value) {
    Encoding used = encoding;
    if (used == null) {
      used =
          value.length() == 2 * macLength && Codecs.isHex(value) ? Encoding.HEX : Encoding.BASE64;
    }
    byte[] bytes = used.decode(value);
    if (bytes == null) {
      throw Rejections.malformed(header, "signature is not " + describe(used));
    }
    if (bytes.length != macLength) {
      throw Rejections.malformed(
          header,
          "signature has "
              + bytes.length
              + " bytes, expected "
              + macLength
              + " ("
              + describe(used)
              + ")");
    }
    return bytes;
  }

  private static String describe(Encoding encoding) {
    return encoding.name().toLowerCase(Locale.ROOT);
  }
}

package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * One API request as handlers see it: path parameters, the caller's scope (null on public routes),
 * the query string and the body, read with a hard size limit. Not thread-safe.
 */
final class ApiRequest {

  private final HttpServletRequest http;
  private final Map<String, String> params;
  private final Scope scope;
  private final Query query;
  private final int maxJsonBytes;

  ApiRequest(
      HttpServletRequest http,
      Map<String, String> params,
      Scope scope,
      Query query,
      int maxJsonBytes) {
    this.http = http;
    this.params = params;
    this.scope = scope;
    this.query = query;
    this.maxJsonBytes = maxJsonBytes;
  }

  HttpServletRequest http() {
    return http;
  }

  /** The raw (still percent-encoded) path segment captured as {@code :name}. */
  String param(String name) {
    return params.get(name);
  }

  Scope scope() {
    return scope;
  }

  Query query() {
    return query;
  }

  /**
   * The body as a JSON object. 415 unless the content type is JSON, 413 over the size limit, 400
   * when it is empty, not JSON (naming the position) or not an object.
   */
  Fields jsonObject() throws IOException {
    return new Fields(object(body(maxJsonBytes)));
  }

  /** The body exactly as sent, after the checks of {@link #jsonObject()}. */
  byte[] jsonObjectBytes() throws IOException {
    byte[] body = body(maxJsonBytes);
    object(body);
    return body;
  }

  private ObjectNode object(byte[] body) {
    String type = http.getContentType();
    if (body.length == 0) {
      throw new HookstreamException(
          ErrorCode.BAD_REQUEST, "request body is required: a JSON object");
    }
    if (!isJson(type)) {
      throw new HookstreamException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, got " + (type == null ? "none" : type));
    }
    JsonNode node = JsonIo.parse(body);
    if (!node.isObject()) {
      throw new HookstreamException(
          ErrorCode.BAD_REQUEST, "request body must be a JSON object, got " + Fields.kind(node));
    }
    return (ObjectNode) node;
  }

  /**
   * Reads the body, refusing with 413 one longer than {@code limit} bytes: at once when the
   * declared length is over it, else as soon as one byte too many has arrived.
   */
  byte[] body(int limit) throws IOException {
    long declared = http.getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    byte[] bytes;
    try (InputStream in = http.getInputStream()) {
      bytes = declared >= 0 ? readDeclared(in, (int) declared) : in.readNBytes(limit + 1);
    } catch (RuntimeException e) {
      // Some containers report a malformed body (a bad chunk) as an unchecked exception.
      throw new HookstreamException(
          ErrorCode.BAD_REQUEST, "the request body could not be read: " + e.getMessage());
    }
    if (bytes.length > limit) {
      throw tooLarge(limit);
    }
    return bytes;
  }

  /**
   * Reads a body of a declared length into one array of that size. The container ends the body at
   * the declared length, so no byte past it can arrive; a body cut short is returned as sent.
   */
  private static byte[] readDeclared(InputStream in, int length) throws IOException {
    byte[] bytes = new byte[length];
    int n = 0;
    while (n < length) {
      int read = in.read(bytes, n, length - n);
      if (read < 0) {
        return Arrays.copyOf(bytes, n);
      }
      n += read;
    }
    return bytes;
  }

  private static HookstreamException tooLarge(int limit) {
    return new HookstreamException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "request body is larger than the limit of " + limit + " bytes");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("+json");
  }
}

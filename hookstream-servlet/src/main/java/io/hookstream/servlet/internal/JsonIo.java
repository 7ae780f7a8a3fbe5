package io.hookstream.servlet.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.json.HookstreamJson;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The binding's JSON mapper: strict parsing of request bodies, compact writing. Thread-safe. */
final class JsonIo {

  /** Request bodies nest no deeper than this (JSON Schemas included). */
  static final int MAX_NESTING_DEPTH = 64;

  /** Longest number literal accepted, in characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
  }

  private JsonIo() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses a request body as one JSON value; a syntax error is a 400 that names the line and
   * column, a limit (depth, number length) a 400 that names the limit.
   */
  static JsonNode parse(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new HookstreamException(
          ErrorCode.BAD_REQUEST,
          "request body exceeds a JSON limit: "
              + e.getOriginalMessage()
              + " (nesting at most "
              + MAX_NESTING_DEPTH
              + " levels, numbers at most "
              + MAX_NUMBER_LENGTH
              + " characters)");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null
              ? ""
              : " at line "
                  + at.getLineNr()
                  + ", column "
                  + at.getColumnNr()
                  + " (offset "
                  + at.getByteOffset()
                  + ")";
      throw new HookstreamException(
          ErrorCode.BAD_REQUEST,
          "request body is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON the engine stored itself; null for null or blank text. */
  static JsonNode stored(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    return HookstreamJson.parseStored(json);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}

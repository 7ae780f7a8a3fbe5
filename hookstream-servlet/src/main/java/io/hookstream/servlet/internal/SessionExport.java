package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.json.ResourceJson;
import io.hookstream.testsession.TestEvent;
import io.hookstream.testsession.TestSessionService;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a session's events, oldest first, as they are read: one JSON object per line (NDJSON, the
 * event detail), or CSV with a header row and the body as text (base64 when it is not UTF-8). Not
 * thread-safe; one per export.
 */
final class SessionExport {

  private static final List<String> CSV_COLUMNS =
      List.of(
          "id",
          "received_at",
          "method",
          "path",
          "content_type",
          "source_ip",
          "provider",
          "status_code",
          "note",
          "body_encoding",
          "body");

  private final Writer out;
  private final boolean csv;

  SessionExport(OutputStream out, boolean csv) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    this.csv = csv;
  }

  void write(TestSessionService sessions, String id) throws IOException {
    if (csv) {
      line(CSV_COLUMNS);
    }
    try {
      sessions.export(id, this::event);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
  }

  private void event(TestEvent e) {
    ObjectNode o = ResourceJson.testEventDetail(e);
    try {
      if (!csv) {
        out.write(JsonIo.text(o));
        out.write('\n');
        return;
      }
      List<String> row =
          CSV_COLUMNS.stream()
              .map(
                  c -> {
                    JsonNode v = o.get(c);
                    return v == null || v.isNull()
                        ? ""
                        : v.isValueNode() ? v.asText() : v.toString();
                  })
              .toList();
      line(row);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private void line(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(cells.get(i)));
    }
    out.write("\r\n");
  }

  /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
  private static String quote(String cell) {
    boolean needs =
        cell.indexOf(',') >= 0
            || cell.indexOf('"') >= 0
            || cell.indexOf('\n') >= 0
            || cell.indexOf('\r') >= 0;
    return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }
}

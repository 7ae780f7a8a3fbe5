package io.hookstream.collection.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.collection.ExportFormat;
import io.hookstream.internal.Json;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes a collection's records to a stream in key order, one page of {@link #PAGE} records at a
 * time, so memory stays constant however many there are. NDJSON and JSON write {@code
 * {"primary_key": .., "data": ..}} per record (JSON inside one array). CSV reads the records twice:
 * a first pass collects the union of their flattened field paths (dot notation, array items by
 * index), sorted, which becomes the header after {@code primary_key}; the second writes one row per
 * record, RFC 4180 quoted, CRLF line ends. Not thread-safe; one per export.
 */
public final class RecordExport {

  static final int PAGE = 1000;

  private final Store store;
  private final CollectionRecord collection;

  public RecordExport(Store store, CollectionRecord collection) {
    this.store = store;
    this.collection = collection;
  }

  public void write(ExportFormat format, OutputStream out) throws IOException {
    switch (format) {
      case NDJSON -> writeJson(out, false);
      case JSON -> writeJson(out, true);
      case CSV -> writeCsv(out);
    }
  }

  private void writeJson(OutputStream out, boolean array) throws IOException {
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null); // NDJSON lines are separated by the newline alone
      if (array) {
        g.writeStartArray();
      }
      forEach(
          e -> {
            try {
              g.writeStartObject();
              g.writeStringField("primary_key", e.key());
              g.writeFieldName("data");
              g.writeRawValue(e.data());
              g.writeEndObject();
              if (!array) {
                g.writeRaw('\n');
              }
            } catch (IOException ex) {
              throw new ExportFailed(ex);
            }
          });
      if (array) {
        g.writeEndArray();
      }
    }
  }

  private void writeCsv(OutputStream out) throws IOException {
    TreeSet<String> paths = new TreeSet<>();
    forEach(e -> Flattener.flatten(Json.parse(e.data()), (path, value) -> paths.add(path)));
    List<String> columns = new ArrayList<>(paths);
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    List<String> header = new ArrayList<>();
    header.add("primary_key");
    header.addAll(columns);
    Csv.row(w, header);
    forEach(
        e -> {
          java.util.Map<String, String> values = new java.util.HashMap<>();
          Flattener.flatten(Json.parse(e.data()), values::put);
          List<String> row = new ArrayList<>(columns.size() + 1);
          row.add(e.key());
          columns.forEach(c -> row.add(values.getOrDefault(c, "")));
          try {
            Csv.row(w, row);
          } catch (IOException ex) {
            throw new ExportFailed(ex);
          }
        });
    w.flush();
  }

  /** Visits every record in key order, a page at a time. */
  private void forEach(Consumer<CollectionEntry> visit) throws IOException {
    String after = null;
    try {
      while (true) {
        List<CollectionEntry> page =
            store.collections().entries(collection.scope(), collection.id(), null, after, PAGE);
        page.forEach(visit);
        if (page.size() < PAGE) {
          return;
        }
        after = page.get(page.size() - 1).key();
      }
    } catch (ExportFailed e) {
      throw e.io;
    }
  }

  /** An output failure carried out of a visitor. */
  private static final class ExportFailed extends RuntimeException {
    final IOException io;

    ExportFailed(IOException io) {
      super(io);
      this.io = io;
    }
  }

  /** Flattens JSON to (dot path, text) pairs, as json-flatten does. */
  static final class Flattener {
    private Flattener() {}

    interface Sink {
      void put(String path, String value);
    }

    static void flatten(JsonNode node, Sink sink) {
      walk("", node, sink);
    }

    private static void walk(String path, JsonNode node, Sink sink) {
      if (node.isContainerNode() && node.size() > 0) {
        if (node.isObject()) {
          node.fields().forEachRemaining(e -> walk(join(path, e.getKey()), e.getValue(), sink));
        } else {
          for (int i = 0; i < node.size(); i++) {
            walk(join(path, Integer.toString(i)), node.get(i), sink);
          }
        }
        return;
      }
      String name = path.isEmpty() ? "$" : path;
      sink.put(name, node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString());
    }

    private static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  /** RFC 4180 rows: fields with a comma, quote, CR or LF are quoted, quotes doubled; CRLF ends. */
  static final class Csv {
    private Csv() {}

    static void row(Writer w, List<String> fields) throws IOException {
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          w.write(',');
        }
        w.write(quoted(fields.get(i)));
      }
      w.write("\r\n");
    }

    static String quoted(String field) {
      boolean needs =
          field.indexOf(',') >= 0
              || field.indexOf('"') >= 0
              || field.indexOf('\r') >= 0
              || field.indexOf('\n') >= 0;
      return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
  }
}

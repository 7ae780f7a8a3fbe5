package io.hookstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchemaSettingsTest {

  private static List<String> errors(String schemaJson) {
    return SchemaSettings.validate(true, schemaJson, null).stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void acceptsSchemasOfEverySupportedDraft() {
    assertThat(errors("{\"type\":\"object\",\"required\":[\"type\"]}")).isEmpty();
    assertThat(
            errors(
                "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"maximum\":3,\"exclusiveMaximum\":true}"))
        .isEmpty();
    assertThat(errors("{\"$schema\":\"http://json-schema.org/draft-06/schema#\",\"const\":1}"))
        .isEmpty();
    assertThat(errors("{\"$schema\":\"http://json-schema.org/draft-07/schema\",\"if\":{}}"))
        .isEmpty();
    assertThat(
            errors(
                "{\"$schema\":\"https://json-schema.org/draft/2019-09/schema\",\"dependentRequired\":{}}"))
        .isEmpty();
    assertThat(
            errors(
                "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"prefixItems\":[{}]}"))
        .isEmpty();
    assertThat(
            errors(
                "{\"definitions\":{\"id\":{\"type\":\"string\"}},\"properties\":{\"id\":{\"$ref\":\"#/definitions/id\"}}}"))
        .isEmpty();
  }

  @Test
  void schemaMustBeAnObject() {
    assertThat(errors("[]")).containsExactly("json_schema: must be a JSON object");
    assertThat(errors("true")).containsExactly("json_schema: must be a JSON object");
    assertThat(errors("\"{}\"")).containsExactly("json_schema: must be a JSON object");
    assertThat(errors("{\"type\":")).containsExactly("json_schema: not valid JSON");
  }

  @Test
  void unknownDialectIsNamed() {
    assertThat(errors("{\"$schema\":\"http://example.com/my-dialect\"}"))
        .containsExactly(
            "json_schema.$schema: unsupported dialect \"http://example.com/my-dialect\" "
                + "(supported: drafts 4, 6, 7, 2019-09, 2020-12)");
    assertThat(errors("{\"$schema\":7}")).containsExactly("json_schema.$schema: must be a string");
  }

  @Test
  void invalidKeywordValuesAreNamedByPath() {
    assertThat(errors("{\"minimum\":\"x\"}"))
        .containsExactly("json_schema.minimum: string found, number expected");
    assertThat(errors("{\"required\":\"id\"}"))
        .containsExactly("json_schema.required: string found, array expected");
    assertThat(errors("{\"properties\":{\"id\":{\"type\":\"nope\"}}}"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e).startsWith("json_schema.properties.id.type: "));
    assertThat(errors("{\"pattern\":\"([a-z\"}"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e).startsWith("json_schema.pattern: "));
  }

  @Test
  void refLoopsThatNeverConsumeInputAreRefused() {
    String loop =
        "json_schema: the schema recurses without end (a $ref cycle that never descends into the payload)";
    assertThat(errors("{\"$ref\":\"#\"}")).containsExactly(loop);
    assertThat(
            errors(
                "{\"definitions\":{\"a\":{\"$ref\":\"#/definitions/b\"},\"b\":{\"allOf\":[{\"$ref\":\"#/definitions/a\"}]}},"
                    + "\"$ref\":\"#/definitions/a\"}"))
        .containsExactly(loop);
    assertThat(
            errors(
                "{\"definitions\":{\"node\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/definitions/node\"}}}},"
                    + "\"$ref\":\"#/definitions/node\"}"))
        .as("recursion through properties descends into the payload and is fine")
        .isEmpty();
  }

  @Test
  void remoteReferencesAreNeverFetched() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.json";
      assertThat(errors("{\"$ref\":\"" + url + "\"}"))
          .containsExactly(
              "json_schema: cannot load \"" + url + "\": remote references are not fetched");
      assertThat(errors("{\"$schema\":\"" + url + "\"}")).hasSize(1);
      assertThat(hits).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void enabledNeedsASchemaAndActionsAreNamed() {
    assertThat(SchemaSettings.validate(true, null, "warn"))
        .containsExactly(
            new FieldError("json_schema", "required when schema_validation_enabled is true"));
    assertThat(SchemaSettings.validate(false, null, "drop"))
        .containsExactly(
            new FieldError("schema_action", "must be one of [reject, warn]: \"drop\""));
    assertThat(SchemaSettings.validate(null, null, null)).isEmpty();
  }

  @Test
  void toRecordAppliesDefaults() {
    assertThat(SchemaSettings.toRecord(null, null, null)).isNull();
    assertThat(SchemaSettings.toRecord(true, "{ \"type\" : \"object\" }", null))
        .isEqualTo(new SourceRecord.Schema(true, "{\"type\":\"object\"}", "reject"));
    assertThat(SchemaSettings.toRecord(false, null, "WARN"))
        .isEqualTo(new SourceRecord.Schema(false, null, "warn"));
    assertThatThrownBy(() -> SchemaSettings.toRecord(true, "{\"type\":5}", "warn"))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.fieldErrors())
                  .extracting(FieldError::field)
                  .contains("json_schema.type");
            });
  }
}

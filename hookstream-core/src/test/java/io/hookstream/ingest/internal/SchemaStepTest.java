package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchemaStepTest {

  private static final String ORDER_SCHEMA =
      "{\"type\":\"object\",\"required\":[\"type\",\"data\"],"
          + "\"properties\":{\"type\":{\"type\":\"string\"},\"data\":{\"type\":\"object\"}}}";

  private final SchemaStep step = new SchemaStep();
  private final AtomicInteger stored = new AtomicInteger();
  private final IngestStep.Chain persist =
      ctx -> {
        stored.incrementAndGet();
        return Fixtures.persisted().proceed(ctx);
      };

  private static SourceRecord source(String schema, String action) {
    return Fixtures.withSchema("src_schema", 1, new SourceRecord.Schema(true, schema, action));
  }

  private IngestContext send(SourceRecord source, String body) {
    IngestContext ctx = Fixtures.context(source, IngestRequest.json(body));
    step.process(ctx, persist);
    return ctx;
  }

  @Test
  void rejectionMessageNamesTheFirstViolation() {
    assertThatThrownBy(() -> send(source(ORDER_SCHEMA, "reject"), "{\"type\":1,\"data\":{}}"))
        .hasMessage(
            "payload does not match the source's JSON schema: /type: integer found, string expected");
    assertThatThrownBy(() -> send(source(ORDER_SCHEMA, "reject"), "[]"))
        .hasMessage(
            "payload does not match the source's JSON schema: array found, object expected");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rejected(Runnable call) {
    HookstreamException[] caught = new HookstreamException[1];
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(HookstreamException.class, e -> caught[0] = e);
    assertThat(caught[0].code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(caught[0].code().httpStatus()).isEqualTo(422);
    return (List<Map<String, Object>>) caught[0].details().get("validation_errors");
  }

  @Test
  void validPayloadGoesOnUnmarked() {
    IngestContext ctx =
        send(source(ORDER_SCHEMA, "reject"), "{\"type\":\"order.created\",\"data\":{}}");
    assertThat(stored).hasValue(1);
    assertThat(ctx.verificationStatus()).isEqualTo("unverified");
  }

  @Test
  void rejectAnswers422WithJsonPointerErrorsAndStoresNothing() {
    List<Map<String, Object>> errors =
        rejected(() -> send(source(ORDER_SCHEMA, "reject"), "{\"type\":1}"));
    assertThat(errors)
        .containsExactlyInAnyOrder(
            Map.of("path", "/type", "message", "integer found, string expected"),
            Map.of("path", "", "message", "required property 'data' not found"));
    assertThat(stored).hasValue(0);
  }

  @Test
  void rejectIsTheDefaultAction() {
    rejected(() -> send(source(ORDER_SCHEMA, null), "{}"));
    assertThat(stored).hasValue(0);
  }

  @Test
  void nonJsonBodyIsInvalid() {
    assertThat(rejected(() -> send(source(ORDER_SCHEMA, "reject"), "type=order")))
        .containsExactly(Map.of("path", "", "message", "body is not JSON"));
    assertThat(rejected(() -> send(source("{}", "reject"), "")))
        .containsExactly(Map.of("path", "", "message", "body is not JSON"));
    IngestContext warned = send(source(ORDER_SCHEMA, "warn"), "<xml/>");
    assertThat(warned.verificationStatus()).isEqualTo("schema_invalid");
  }

  @Test
  void warnStoresAndMarksSchemaInvalid() {
    IngestContext ctx = send(source(ORDER_SCHEMA, "warn"), "{\"type\":1}");
    assertThat(ctx.verificationStatus()).isEqualTo("schema_invalid");
    assertThat(stored).hasValue(1);
  }

  @Test
  void disabledValidationChecksNothing() {
    SourceRecord off =
        Fixtures.withSchema("src_off", 1, new SourceRecord.Schema(false, ORDER_SCHEMA, "reject"));
    send(off, "not json");
    send(Fixtures.withSchema("src_none", 1, null), "not json");
    assertThat(stored).hasValue(2);
  }

  @Test
  void pointersEscapeSlashesAndTilde() {
    String schema = "{\"properties\":{\"a/b\":{\"properties\":{\"c~d\":{\"type\":\"string\"}}}}}";
    assertThat(rejected(() -> send(source(schema, "reject"), "{\"a/b\":{\"c~d\":5}}")))
        .extracting(m -> m.get("path"))
        .containsExactly("/a~1b/c~0d");
  }

  @Test
  void atMostOneHundredErrorsAreListed() {
    String body = "[" + "1,".repeat(149) + "1]";
    List<Map<String, Object>> errors =
        rejected(() -> send(source("{\"items\":{\"type\":\"string\"}}", "reject"), body));
    assertThat(errors).hasSize(SchemaStep.MAX_ERRORS);
    assertThat(errors.get(0)).containsEntry("path", "/0");
  }

  @Test
  void draftSevenIsTheDefaultAndSchemaSelectsTheDraft() {
    // "const" exists from draft 6 on; draft 4 ignores it as an unknown keyword.
    rejected(
        () ->
            send(
                Fixtures.withSchema(
                    "src_d7", 1, new SourceRecord.Schema(true, "{\"const\":5}", null)),
                "6"));
    String draft4 = "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"const\":5}";
    send(Fixtures.withSchema("src_d4", 1, new SourceRecord.Schema(true, draft4, null)), "6");
    String draft2020 =
        "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"prefixItems\":[{\"type\":\"string\"}]}";
    rejected(
        () ->
            send(
                Fixtures.withSchema("src_d2020", 1, new SourceRecord.Schema(true, draft2020, null)),
                "[1]"));
    assertThat(stored).hasValue(1);
  }

  @Test
  void compiledSchemasAreCachedPerSourceVersion() {
    SourceRecord v1 =
        Fixtures.withSchema(
            "src_cache", 1, new SourceRecord.Schema(true, "{\"type\":\"object\"}", null));
    send(v1, "{}");
    SourceRecord sameVersion =
        Fixtures.withSchema(
            "src_cache", 1, new SourceRecord.Schema(true, "{\"type\":\"array\"}", null));
    send(sameVersion, "{}");
    SourceRecord v2 =
        Fixtures.withSchema(
            "src_cache", 2, new SourceRecord.Schema(true, "{\"type\":\"array\"}", null));
    rejected(() -> send(v2, "{}"));
    assertThat(stored).hasValue(2);
  }

  @Test
  void schemaStoredWithoutValidationFailsClosed() {
    for (String broken : new String[] {"{\"minimum\":\"x\"}", "[]", null, "{not json"}) {
      SourceRecord s =
          Fixtures.withSchema("src_broken", 1, new SourceRecord.Schema(true, broken, null));
      assertThatThrownBy(
              () ->
                  new SchemaStep().process(Fixtures.context(s, IngestRequest.json("{}")), persist))
          .as(String.valueOf(broken))
          .isInstanceOfSatisfying(
              HookstreamException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                assertThat(e.getMessage())
                    .startsWith("source src_broken has an invalid json_schema: ");
              });
    }
    assertThat(stored).hasValue(0);
  }

  @Test
  void aRefLoopReachedOnlyBySomePayloadsAnswers500InsteadOfOverflowing() {
    SourceRecord s = source("{\"properties\":{\"a\":{\"$ref\":\"#/properties/a\"}}}", "reject");
    send(s, "{\"b\":1}");
    assertThatThrownBy(() -> send(s, "{\"a\":1}"))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
              assertThat(e.getMessage()).contains("recurses without end");
            });
    assertThat(stored).hasValue(1);
  }

  @Test
  void duplicateAnswerFromLaterStepsIsPassedThrough() {
    IngestResult result =
        step.process(
            Fixtures.context(
                source(ORDER_SCHEMA, "reject"), IngestRequest.json("{\"type\":\"t\",\"data\":{}}")),
            ctx -> new IngestResult("evt_original", "src_schema", true));
    assertThat(result.duplicate()).isTrue();
  }
}

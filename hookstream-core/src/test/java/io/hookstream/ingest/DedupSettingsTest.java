package io.hookstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import org.junit.jupiter.api.Test;

class DedupSettingsTest {

  private static java.util.List<String> errors(String strategy, String field, Integer window) {
    return DedupSettings.validate(strategy, field, window).stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void validSettings() {
    assertThat(errors("payload_hash", null, 300)).isEmpty();
    assertThat(errors("header_field", "x-github-delivery", 600)).isEmpty();
    assertThat(errors("body_field", "data.id", null)).isEmpty();
    assertThat(errors(null, null, null)).isEmpty();
    assertThat(errors("payload_hash", null, 1)).isEmpty();
    assertThat(errors("payload_hash", null, 2_592_000)).isEmpty();
  }

  @Test
  void windowMustBeOneSecondToThirtyDays() {
    assertThat(errors("payload_hash", null, 0))
        .containsExactly("dedup_window_seconds: must be between 1 and 2592000: 0");
    assertThat(errors("payload_hash", null, 2_592_001))
        .containsExactly("dedup_window_seconds: must be between 1 and 2592000: 2592001");
    assertThat(errors(null, null, -5))
        .containsExactly("dedup_window_seconds: must be between 1 and 2592000: -5");
  }

  @Test
  void fieldStrategiesNeedAValidField() {
    assertThat(errors("header_field", null, null))
        .containsExactly("dedup_field: required for dedup_strategy header_field");
    assertThat(errors("body_field", " ", null))
        .containsExactly("dedup_field: required for dedup_strategy body_field");
    assertThat(errors("header_field", "Bad Header", null))
        .containsExactly("dedup_field: not a valid header name: \"Bad Header\"");
    assertThat(errors("body_field", "data..id", null))
        .containsExactly("dedup_field: not a valid dot path (empty segment): \"data..id\"");
    assertThat(errors("body_field", "x".repeat(257), null))
        .containsExactly("dedup_field: must be at most 256 characters");
  }

  @Test
  void strategyMistakesAreNamed() {
    assertThat(errors("payload-hash", null, null))
        .containsExactly(
            "dedup_strategy: must be one of [payload_hash, header_field, body_field]: \"payload-hash\"");
    assertThat(errors("payload_hash", "data.id", null))
        .containsExactly("dedup_field: only applies to header_field and body_field");
    assertThat(errors(null, "data.id", null))
        .containsExactly("dedup_strategy: required when dedup_field is set");
  }

  @Test
  void toRecordAppliesDefaults() {
    assertThat(DedupSettings.toRecord(null, null, null)).isNull();
    assertThat(DedupSettings.toRecord("payload_hash", null, null))
        .isEqualTo(new SourceRecord.Dedup("payload_hash", null, 300));
    assertThat(DedupSettings.toRecord(null, null, 60))
        .isEqualTo(new SourceRecord.Dedup("payload_hash", null, 60));
    assertThat(DedupSettings.toRecord("Body_Field", "data.id", null))
        .isEqualTo(new SourceRecord.Dedup("body_field", "data.id", 300));
    assertThat(DedupSettings.toRecord("header_field", " Idempotency-Key ", 10))
        .isEqualTo(new SourceRecord.Dedup("header_field", "Idempotency-Key", 10));
    assertThatThrownBy(() -> DedupSettings.toRecord("body_field", null, 0))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.fieldErrors())
                  .extracting(FieldError::field)
                  .containsExactly("dedup_field", "dedup_window_seconds");
            });
  }
}

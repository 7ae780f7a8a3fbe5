package io.hookstream.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.ingest.IngestResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written ingest answer must be the JSON the mapper would write, for any ids. */
class IngestAnswerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "evt_0193c2aa00000000000000000000abcd | src_0193c2aa0000000000000000000000ef | false",
        "evt_0193c2aa00000000000000000000abcd | src_0193c2aa0000000000000000000000ef | true",
        "evt_with\"quote | src_back\\slash | false",
        "evt_ünïcode | src_tab\tline | true"
      })
  void theAnswerIsTheJsonOfTheResult(String eventId, String sourceId, boolean duplicate) {
    byte[] answer = IngestResource.answer(new IngestResult(eventId, sourceId, duplicate));

    JsonNode json = JsonIo.parse(answer);
    assertThat(json.path("event_id").asText()).isEqualTo(eventId);
    assertThat(json.path("source_id").asText()).isEqualTo(sourceId);
    assertThat(json.has("duplicate")).isEqualTo(duplicate);
    assertThat(json.size()).isEqualTo(duplicate ? 3 : 2);
    if (duplicate) {
      assertThat(json.path("duplicate").asBoolean()).isTrue();
    }
    assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain(" ");
  }
}

package io.hookstream.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

  private static final List<String> TRICKY =
      List.of(
          "",
          "plain",
          "quote \" inside",
          "back\\slash",
          "\\\"",
          "tab\tnew\nline\rcr",
          "bell\u0007 nul\u0000 esc\u001b",
          "\u00e9t\u00e9 \u4e2d\u6587 \ud83d\ude80",
          "line sep \u2028 para \u2029",
          "/slash/",
          "{\"looks\":[\"like json\"]}",
          "end\\");

  @Test
  void stringListsRoundTripTrickyStrings() {
    String json = JsonCodec.writeStrings(TRICKY);
    assertThat(JsonCodec.readStrings(json)).containsExactlyElementsOf(TRICKY);
    assertThat(json).doesNotContain("\u0000").doesNotContain("\n").doesNotContain("\u0007");
  }

  @Test
  void headerMapsKeepKeyOrderAndRepeatedValues() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("z-last-alphabetically", List.of("1"));
    headers.put("content-type", List.of("application/json"));
    headers.put("set-cookie", List.of("a=1", "b=\"2\"", TRICKY.get(6)));
    headers.put("x-empty", List.of());
    headers.put("x-\u00fcnicode\\key\"", List.of(TRICKY.get(7)));

    Map<String, List<String>> back = JsonCodec.readMultimap(JsonCodec.writeMultimap(headers));

    assertThat(back).containsExactlyEntriesOf(headers);
    assertThat(new ArrayList<>(back.keySet())).containsExactlyElementsOf(headers.keySet());
  }

  @Test
  void nullsStayNull() {
    assertThat(JsonCodec.writeMultimap(null)).isNull();
    assertThat(JsonCodec.readMultimap(null)).isNull();
    assertThat(JsonCodec.readStrings((String) null)).isNull();
    assertThat(JsonCodec.readStrings("[null,\"a\"]")).containsExactly(null, "a");
  }

  @Test
  void readsJsonWrittenByOthers() {
    Object parsed =
        JsonCodec.parse(
            " { \"a\" : [ 1 , -2.5e3 , true , false , null ] ,"
                + " \"b\\u00e9\" : \"\\ud83d\\ude80\\/\" } ");
    Map<String, Object> map = JsonCodec.asMap(parsed);
    assertThat(map.get("a")).isEqualTo(java.util.Arrays.asList(1L, -2500.0, true, false, null));
    assertThat(map.get("b\u00e9")).isEqualTo("\ud83d\ude80/");
  }

  @Test
  void escapesLoneSurrogatesSoTheOutputIsValidUtf8() {
    String lone = "a\ud800b";
    String json = JsonCodec.write(lone);
    assertThat(json).isEqualTo("\"a\\ud800b\"");
    assertThat(JsonCodec.parse(json)).isEqualTo(lone);
  }

  @Test
  void rejectsMalformedJson() {
    for (String bad :
        List.of(
            "",
            "[",
            "[1,]",
            "{\"a\"}",
            "\"open",
            "\"bad \\x escape\"",
            "tru",
            "[1] 2",
            "{1:2}",
            "\"\\u12\"")) {
      assertThatThrownBy(() -> JsonCodec.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("malformed JSON");
    }
  }
}

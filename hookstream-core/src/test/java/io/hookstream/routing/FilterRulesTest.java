package io.hookstream.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hookstream.internal.Json;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterRulesTest {

  private static HookstreamException rejected(String json) {
    return catchThrowableOfType(HookstreamException.class, () -> FilterRules.parse(json));
  }

  private static List<String> fields(HookstreamException e) {
    return e.fieldErrors().stream().map(FieldError::field).toList();
  }

  @Test
  void parsesTheSeedExampleAndWritesItBackCanonically() {
    String json =
        "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"order.created\"},"
            + "{\"field\":\"payload.data.amount\",\"op\":\"gt\",\"value\":1000}]";
    List<FilterRule> rules = FilterRules.parse(json);

    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).op()).isEqualTo(FilterOperator.EQ);
    assertThat(rules.get(1).value().intValue()).isEqualTo(1000);
    assertThat(FilterRules.toJsonText(rules)).isEqualTo(json);
  }

  @Test
  void acceptsOperatorAsASpellingOfOpAndWritesOp() {
    List<FilterRule> rules =
        FilterRules.parse(
            "[{\"field\":\"method\",\"operator\":\"in\",\"value\":[\"POST\",\"PUT\"]}]");

    assertThat(rules.get(0).op()).isEqualTo(FilterOperator.IN);
    assertThat(FilterRules.toJsonText(rules))
        .isEqualTo("[{\"field\":\"method\",\"op\":\"in\",\"value\":[\"POST\",\"PUT\"]}]");
  }

  @Test
  void acceptsOpAndOperatorTogetherOnlyWhenTheyAgree() {
    assertThat(
            FilterRules.parse("[{\"field\":\"a\",\"op\":\"eq\",\"operator\":\"eq\",\"value\":1}]"))
        .hasSize(1);
    HookstreamException e =
        rejected("[{\"field\":\"a\",\"op\":\"eq\",\"operator\":\"neq\",\"value\":1}]");
    assertThat(fields(e)).containsExactly("filter_rules.0.op");
  }

  @Test
  void nullBlankAndEmptyMeanNoRules() {
    assertThat(FilterRules.parse((String) null)).isEmpty();
    assertThat(FilterRules.parse(" ")).isEmpty();
    assertThat(FilterRules.parse("[]")).isEmpty();
    assertThat(FilterRules.parse("null")).isEmpty();
  }

  @Test
  void unknownOperatorIsA422NamingIt() {
    HookstreamException e = rejected("[{\"field\":\"payload.a\",\"op\":\"like\",\"value\":\"x\"}]");

    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(e.code().httpStatus()).isEqualTo(422);
    assertThat(e.fieldErrors())
        .singleElement()
        .satisfies(
            fe -> {
              assertThat(fe.field()).isEqualTo("filter_rules.0.op");
              assertThat(fe.message()).contains("'like'").contains("eq, neq, contains");
            });
  }

  @Test
  void operatorNamesAreExactLowerCase() {
    assertThat(fields(rejected("[{\"field\":\"a\",\"op\":\"EQ\",\"value\":1}]")))
        .containsExactly("filter_rules.0.op");
  }

  @Test
  void valueTypesAreCheckedPerOperator() {
    String rules =
        "["
            + "{\"field\":\"a\",\"op\":\"gt\",\"value\":\"10\"}," // 0 number needed
            + "{\"field\":\"a\",\"op\":\"gte\",\"value\":true}," // 1
            + "{\"field\":\"a\",\"op\":\"lt\",\"value\":null}," // 2
            + "{\"field\":\"a\",\"op\":\"lte\",\"value\":[1]}," // 3
            + "{\"field\":\"a\",\"op\":\"contains\",\"value\":5}," // 4 string needed
            + "{\"field\":\"a\",\"op\":\"exists\",\"value\":\"yes\"}," // 5 boolean needed
            + "{\"field\":\"a\",\"op\":\"in\",\"value\":\"x\"}," // 6 array needed
            + "{\"field\":\"a\",\"op\":\"in\",\"value\":[1,{\"b\":2}]}," // 7 scalars in the array
            + "{\"field\":\"a\",\"op\":\"eq\",\"value\":{\"b\":1}}," // 8 scalar needed
            + "{\"field\":\"a\",\"op\":\"neq\",\"value\":[1]}," // 9
            + "{\"field\":\"a\",\"op\":\"eq\"}" // 10 missing
            + "]";
    HookstreamException e = rejected(rules);

    assertThat(fields(e))
        .containsExactly(
            "filter_rules.0.value",
            "filter_rules.1.value",
            "filter_rules.2.value",
            "filter_rules.3.value",
            "filter_rules.4.value",
            "filter_rules.5.value",
            "filter_rules.6.value",
            "filter_rules.7.value",
            "filter_rules.8.value",
            "filter_rules.9.value",
            "filter_rules.10.value");
    assertThat(e.fieldErrors().get(0).message()).contains("number");
    assertThat(e.fieldErrors().get(4).message()).contains("string");
    assertThat(e.fieldErrors().get(5).message()).contains("true or false");
    assertThat(e.fieldErrors().get(6).message()).contains("array");
  }

  @Test
  void acceptsEveryScalarForEqAndNeq() {
    assertThat(
            FilterRules.parse(
                "[{\"field\":\"a\",\"op\":\"eq\",\"value\":\"s\"},"
                    + "{\"field\":\"a\",\"op\":\"eq\",\"value\":1.5},"
                    + "{\"field\":\"a\",\"op\":\"neq\",\"value\":false},"
                    + "{\"field\":\"a\",\"op\":\"eq\",\"value\":null},"
                    + "{\"field\":\"a\",\"op\":\"in\",\"value\":[\"a\",1,true,null]},"
                    + "{\"field\":\"a\",\"op\":\"in\",\"value\":[]}]"))
        .hasSize(6);
  }

  @Test
  void fieldMustBeANonEmptyPath() {
    HookstreamException e =
        rejected(
            "["
                + "{\"op\":\"eq\",\"value\":1},"
                + "{\"field\":\"\",\"op\":\"eq\",\"value\":1},"
                + "{\"field\":7,\"op\":\"eq\",\"value\":1},"
                + "{\"field\":\"payload..a\",\"op\":\"eq\",\"value\":1},"
                + "{\"field\":\"payload.a.\",\"op\":\"eq\",\"value\":1},"
                + "{\"field\":\"headers\",\"op\":\"exists\",\"value\":true}]");

    assertThat(fields(e))
        .containsExactly(
            "filter_rules.0.field",
            "filter_rules.1.field",
            "filter_rules.2.field",
            "filter_rules.3.field",
            "filter_rules.4.field",
            "filter_rules.5.field");
  }

  @Test
  void reportsEveryProblemOfEveryRuleAtOnce() {
    HookstreamException e =
        rejected(
            "[{\"field\":\"\",\"op\":\"nope\",\"value\":1},"
                + "{\"field\":\"ok\",\"op\":\"eq\",\"value\":1},"
                + "{\"field\":\"x\",\"value\":1},"
                + "\"not an object\"]");

    assertThat(fields(e))
        .containsExactly(
            "filter_rules.0.field", "filter_rules.0.op", "filter_rules.2.op", "filter_rules.3");
  }

  @Test
  void rejectsANonArrayAndInvalidJson() {
    assertThat(fields(rejected("{\"field\":\"a\"}"))).containsExactly("filter_rules");
    assertThat(fields(rejected("[{"))).containsExactly("filter_rules");
  }

  @Test
  void parsesAJsonNodeAndTheRecordIsImmutable() {
    var node = Json.parse("[{\"field\":\"a\",\"op\":\"in\",\"value\":[1,2]}]");
    FilterRule rule = FilterRules.parse(node).get(0);
    ((com.fasterxml.jackson.databind.node.ArrayNode) node.get(0).get("value")).add(3);
    ((com.fasterxml.jackson.databind.node.ArrayNode) rule.value()).add(4);

    assertThat(rule.value()).hasSize(2);
  }

  @Test
  void parseNeverReturnsAPartialList() {
    assertThatThrownBy(
            () ->
                FilterRules.parse(
                    "[{\"field\":\"a\",\"op\":\"eq\",\"value\":1},{\"field\":\"a\",\"op\":\"gt\",\"value\":\"x\"}]"))
        .isInstanceOf(HookstreamException.class)
        .hasMessageContaining("filter_rules.1.value");
  }

  @Test
  void aRuleBuiltInCodeGetsTheSameChecks() {
    assertThat(
            catchThrowableOfType(
                    HookstreamException.class,
                    () -> new FilterRule("payload.a", FilterOperator.GT, Json.parse("\"10\"")))
                .fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("value");
    assertThat(
            catchThrowableOfType(
                    HookstreamException.class,
                    () -> new FilterRule("a..b", FilterOperator.EXISTS, Json.parse("true")))
                .fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("field");
    assertThat(new FilterRule("a", FilterOperator.EQ, Json.parse("null")).value().isNull())
        .isTrue();
  }

  @Test
  void rejectsNonFiniteNumbersFromOtherMappers() {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    node.addObject().put("field", "a").put("op", "gt").put("value", Double.POSITIVE_INFINITY);
    assertThat(
            catchThrowableOfType(HookstreamException.class, () -> FilterRules.parse(node))
                .fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("filter_rules.0.value");
  }
}

package com.partnerplatform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.partnerplatform.platform.web.ApiException;
import org.junit.jupiter.api.Test;

class WorkflowArgumentsTest {

  @Test
  void anArrayGivesPositionalArguments() {
    Object[] arguments = WorkflowArguments.parse("[\"a\", 2, {\"b\": true}]");

    assertThat(arguments).hasSize(3);
    assertThat(((JsonNode) arguments[0]).asText()).isEqualTo("a");
    assertThat(((JsonNode) arguments[1]).asInt()).isEqualTo(2);
    assertThat(((JsonNode) arguments[2]).get("b").asBoolean()).isTrue();
  }

  @Test
  void anyOtherValueIsOneArgument() {
    assertThat(WorkflowArguments.parse("{\"items\": [1, 2]}")).singleElement()
        .satisfies(argument -> assertThat(((JsonNode) argument).get("items").size()).isEqualTo(2));
    assertThat(WorkflowArguments.parse("\"text\"")).singleElement()
        .satisfies(argument -> assertThat(((JsonNode) argument).asText()).isEqualTo("text"));
  }

  @Test
  void noBodyIsNoArguments() {
    assertThat(WorkflowArguments.parse(null)).isEmpty();
    assertThat(WorkflowArguments.parse("  ")).isEmpty();
    assertThat(WorkflowArguments.parse("[]")).isEmpty();
  }

  @Test
  void malformedOrTrailingJsonIsRefused() {
    for (String body : new String[] {"{not json", "1 2", "[1,"}) {
      assertThatThrownBy(() -> WorkflowArguments.parse(body))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_BODY"));
    }
  }

  @Test
  void resultsAreWrittenAsJson() {
    assertThat(WorkflowArguments.toJson(JsonNodeFactory.instance.arrayNode().add("a").add(1))).isEqualTo("[\"a\",1]");
    assertThat(WorkflowArguments.toJson(null)).isEqualTo("null");
  }
}

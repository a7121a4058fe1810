package com.partnerplatform.operations;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.partnerplatform.platform.web.ApiException;

/**
 * Request bodies to workflow arguments and results back to JSON, as Jackson 2 trees: Temporal's
 * default payload converter speaks Jackson 2, so a tree passes through it unchanged and the
 * workflow side reads it into whatever parameter types it declares.
 */
final class WorkflowArguments {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private WorkflowArguments() {}

  /** A JSON array gives positional arguments, any other JSON value one argument, no body none. */
  static Object[] parse(String body) {
    if (body == null || body.isBlank()) {
      return new Object[0];
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest("MALFORMED_BODY", "The body must be one JSON value: an array for"
          + " positional arguments, any other value for a single argument, or empty for none.");
    }
    if (!node.isArray()) {
      return new Object[] {node};
    }
    Object[] arguments = new Object[node.size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = node.get(i);
    }
    return arguments;
  }

  static String toJson(JsonNode value) {
    if (value == null) {
      return "null";
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("A JSON tree could not be written", e);
    }
  }
}

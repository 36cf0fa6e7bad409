package io.taskport.internal;

import io.taskport.MessageKey;
import io.taskport.ValidationException;
import io.taskport.ValidationException.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Binds task params from JSON, a map or an object to a handler's declared class, and reports
 * every bad field at once. No polymorphic typing is ever enabled, and the parser is bounded in
 * size, depth and number length so that hostile params fail fast.
 */
public final class ParamsBinder {
  /** The largest params document, in characters. */
  public static final int MAX_PARAMS_CHARS = 64 * 1024;

  private final JsonMapper mapper;

  public ParamsBinder() {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxDocumentLength(MAX_PARAMS_CHARS)
            .maxNestingDepth(64)
            .maxNumberLength(100)
            .maxStringLength(MAX_PARAMS_CHARS)
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(limits)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(
                LogicalType.Integer,
                c ->
                    c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();
  }

  /** Returns the mapper, configured without default typing. */
  public JsonMapper mapper() {
    return mapper;
  }

  /**
   * Binds params to {@code type}.
   *
   * @param params a JSON string, a map, an instance of {@code type}, or {@code null} for {@code {}};
   *     for {@code Void.class}, a handler without params, only nothing or an empty object
   * @throws ValidationException listing every field that is unknown or of the wrong type
   */
  public <P> @Nullable P bind(@Nullable Object params, Class<P> type) {
    return finite(bindValue(params, type));
  }

  private <P> @Nullable P bindValue(@Nullable Object params, Class<P> type) {
    if (type == Void.class) {
      if (isEmpty(params)) {
        return null;
      }
      throw new ValidationException("params", MessageKey.of("params.none"));
    }
    if (type.isInstance(params)) {
      return type.cast(params);
    }
    JsonNode tree = toTree(params);
    if (!tree.isObject()) {
      throw new ValidationException("params", MessageKey.of("params.notObject"));
    }
    List<Violation> violations = new ArrayList<>();
    if (tree.size() > 1) {
      // bind each property on its own first, so that every bad field is reported, not just one
      Iterator<Map.Entry<String, JsonNode>> fields = tree.properties().iterator();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        ObjectNode single = mapper.createObjectNode();
        single.set(field.getKey(), field.getValue());
        try {
          mapper.treeToValue(single, type);
        } catch (JacksonException e) {
          violations.add(violation(e, type));
        }
      }
    }
    if (violations.isEmpty()) {
      try {
        return mapper.treeToValue(tree, type);
      } catch (JacksonException e) {
        violations.add(violation(e, type));
      }
    }
    throw new ValidationException(violations);
  }

  private boolean isEmpty(@Nullable Object params) {
    if (params == null || params instanceof Map<?, ?> m && m.isEmpty()) {
      return true;
    }
    if (params instanceof String json) {
      String t = json.strip();
      return t.isEmpty() || t.equals("null") || t.replace(" ", "").equals("{}");
    }
    return false;
  }

  /** Refuses bound params holding an infinite or NaN number, which no handler can use. */
  private <P> @Nullable P finite(@Nullable P bound) {
    if (bound == null) {
      return bound;
    }
    List<Violation> violations = new ArrayList<>();
    collectNonFinite(mapper.valueToTree(bound), "params", violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return bound;
  }

  private static void collectNonFinite(JsonNode node, String path, List<Violation> out) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      out.add(new Violation(path, MessageKey.of("params.notFinite", node.doubleValue())));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collectNonFinite(e.getValue(), path + "." + e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectNonFinite(node.get(i), path + "[" + i + "]", out);
      }
    }
  }

  /** Returns the canonical JSON of bound params, as stored with the task. */
  public String toJson(@Nullable Object params) {
    return mapper.writeValueAsString(params);
  }

  private JsonNode toTree(@Nullable Object params) {
    if (params == null) {
      return mapper.createObjectNode();
    }
    try {
      if (params instanceof String json) {
        if (json.length() > MAX_PARAMS_CHARS) {
          throw new ValidationException(
              "params", MessageKey.of("params.tooLong", MAX_PARAMS_CHARS));
        }
        return json.isBlank() ? mapper.createObjectNode() : mapper.readTree(json);
      }
      return mapper.valueToTree(params);
    } catch (JacksonException e) {
      throw new ValidationException(
          "params", MessageKey.of("params.notJson", e.getOriginalMessage()));
    }
  }

  private static Violation violation(JacksonException e, Class<?> type) {
    StringBuilder path = new StringBuilder("params");
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append('.').append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return new Violation(
          path.toString(), MessageKey.of("params.unknownProperty", u.getKnownPropertyIds()));
    }
    String message = e.getOriginalMessage();
    int detail = message.indexOf(" (");
    return new Violation(
        path.toString(),
        MessageKey.of(
            "params.cannotBind",
            type.getSimpleName(),
            detail > 0 ? message.substring(0, detail) : message));
  }
}

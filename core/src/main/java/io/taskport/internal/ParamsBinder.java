package io.taskport.internal;

import io.taskport.MessageKey;
import io.taskport.ValidationException;
import io.taskport.ValidationException.Violation;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

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
    } catch (StreamConstraintsException e) {
      throw new ValidationException(
          "params", MessageKey.of("params.tooComplex", MAX_PARAMS_CHARS));
    } catch (JacksonException e) {
      throw new ValidationException("params", notJson(e));
    }
  }

  /** Words a parse error by where it is, not by the parser's text. */
  private static MessageKey notJson(JacksonException e) {
    String original = e.getOriginalMessage();
    Matcher twice = DUPLICATE.matcher(original == null ? "" : original);
    if (twice.find()) {
      return MessageKey.of("params.duplicate", twice.group(1));
    }
    TokenStreamLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return MessageKey.of("params.notJsonAnywhere");
    }
    return MessageKey.of("params.notJson", at.getLineNr(), Math.max(1, at.getColumnNr()));
  }

  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate .*?\"([^\"]*)\"");

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
    if (e instanceof ValueInstantiationException v
        && v.getCause() != null
        && v.getCause().getMessage() != null) {
      // the params class refused the value itself: its own words
      return new Violation(
          path.toString(), MessageKey.of("params.refused", v.getCause().getMessage()));
    }
    Class<?> target =
        e instanceof MismatchedInputException m
            ? m.getTargetType()
            : e instanceof InputCoercionException c ? c.getTargetType() : null;
    if (target == null) {
      return new Violation(path.toString(), MessageKey.of("params.invalid", type.getSimpleName()));
    }
    Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
    if (value == null && e instanceof InputCoercionException) {
      return new Violation(
          path.toString(), MessageKey.of("params.outOfRange", expected(target)));
    }
    return new Violation(
        path.toString(),
        value == null
            ? MessageKey.of("params.expected", expected(target))
            : MessageKey.of("params.expectedWas", expected(target), value));
  }

  /** Names what a param of a type must be, as a user would say it. */
  private static MessageKey expected(Class<?> t) {
    Class<?> c = t.isPrimitive() ? boxed(t) : t;
    if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class
        || c == BigInteger.class) {
      return MessageKey.of("params.type.integer");
    }
    if (Number.class.isAssignableFrom(c)) {
      return MessageKey.of("params.type.number");
    }
    if (c == Boolean.class) {
      return MessageKey.of("params.type.boolean");
    }
    if (CharSequence.class.isAssignableFrom(c) || c == Character.class) {
      return MessageKey.of("params.type.text");
    }
    if (c == LocalDate.class) {
      return MessageKey.of("params.type.date");
    }
    if (c == LocalTime.class) {
      return MessageKey.of("params.type.time");
    }
    if (Temporal.class.isAssignableFrom(c)) {
      return MessageKey.of("params.type.dateTime");
    }
    if (c.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object constant : c.getEnumConstants()) {
        names.add(((Enum<?>) constant).name());
      }
      return MessageKey.of("params.type.enum", String.join(", ", names));
    }
    if (c.isArray() || Collection.class.isAssignableFrom(c)) {
      return MessageKey.of("params.type.list");
    }
    return MessageKey.of("params.type.object");
  }

  private static Class<?> boxed(Class<?> primitive) {
    return MethodType.methodType(primitive).wrap().returnType();
  }
}

package io.taskport.internal;

import io.taskport.ExportRequest;
import io.taskport.Messages;
import io.taskport.ValidationException;
import io.taskport.format.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The columns an export request chose. They are kept with the task inside its params JSON, under
 * {@value #KEY}, a name no params class can declare; the handler's params are bound without it.
 */
final class ChosenColumns {
  /** The params property that holds the chosen column keys. */
  static final String KEY = ExportRequest.COLUMNS_PARAM;

  /** Reads only params JSON that {@link ParamsBinder} wrote and bounded. */
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ChosenColumns() {}

  /**
   * Returns the declared columns the keys name, in the keys' order; all of them when there are no
   * keys.
   *
   * @throws ValidationException listing every unknown key, or naming a key given twice
   */
  static <R> List<Column<R>> select(
      List<Column<R>> declared, List<String> keys, @Nullable Locale locale) {
    if (keys.isEmpty()) {
      return declared;
    }
    Map<String, Column<R>> byKey = new LinkedHashMap<>();
    for (Column<R> c : declared) {
      byKey.putIfAbsent(c.key(), c);
    }
    List<String> unknown = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    List<String> twice = new ArrayList<>();
    List<Column<R>> chosen = new ArrayList<>(keys.size());
    for (String k : keys) {
      Column<R> c = byKey.get(k);
      if (c == null) {
        unknown.add(k);
      } else if (!seen.add(k)) {
        if (!twice.contains(k)) {
          twice.add(k);
        }
      } else {
        chosen.add(c);
      }
    }
    List<ValidationException.Violation> violations = new ArrayList<>();
    if (!unknown.isEmpty()) {
      violations.add(
          new ValidationException.Violation(
              "columns",
              Messages.format(locale, "columns.unknown", quoted(unknown),
                  quoted(new ArrayList<>(byKey.keySet())))));
    }
    if (!twice.isEmpty()) {
      violations.add(
          new ValidationException.Violation(
              "columns", Messages.format(locale, "columns.repeated", quoted(twice))));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return List.copyOf(chosen);
  }

  /** The most names one message lists; a longer list ends with its count. */
  static final int LISTED = 50;

  private static String quoted(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (String n : names.subList(0, Math.min(names.size(), LISTED))) {
      String shown = n.length() > 100 ? n.substring(0, 100) + "…" : n;
      s.append(s.length() == 0 ? "" : ", ").append('\'').append(shown).append('\'');
    }
    return names.size() > LISTED ? s + ", … (" + names.size() + ")" : s.toString();
  }

  /**
   * Refuses params that already hold {@value #KEY}, as a params map could.
   *
   * @throws ValidationException naming the reserved property
   */
  static void refuseReserved(String paramsJson, @Nullable Locale locale) {
    if (paramsJson.contains(KEY) && MAPPER.readTree(paramsJson).has(KEY)) {
      throw new ValidationException(
          "params." + KEY, Messages.format(locale, "columns.reserved"));
    }
  }

  /** Returns the params JSON to store: the handler's params with the chosen keys, if any. */
  static String store(String paramsJson, List<String> keys) {
    if (keys.isEmpty()) {
      return paramsJson;
    }
    JsonNode tree = MAPPER.readTree(paramsJson);
    ObjectNode object = tree.isObject() ? (ObjectNode) tree : MAPPER.createObjectNode();
    ArrayNode array = object.putArray(KEY);
    keys.forEach(array::add);
    return MAPPER.writeValueAsString(object);
  }

  /** Returns the chosen keys kept in stored params JSON; empty when all columns are written. */
  static List<String> of(String storedParams) {
    if (!storedParams.contains(KEY)) {
      return List.of();
    }
    JsonNode keys = MAPPER.readTree(storedParams).get(KEY);
    if (keys == null || !keys.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(keys.size());
    keys.forEach(k -> out.add(k.asString()));
    return List.copyOf(out);
  }

  /** Returns stored params JSON without the chosen keys: what the handler's params bind from. */
  static String handlerParams(String storedParams) {
    if (!storedParams.contains(KEY)) {
      return storedParams;
    }
    JsonNode tree = MAPPER.readTree(storedParams);
    if (!(tree instanceof ObjectNode object) || !object.has(KEY)) {
      return storedParams;
    }
    object.remove(KEY);
    return object.isEmpty() ? "{}" : MAPPER.writeValueAsString(object);
  }
}

package io.taskport.handler;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of an imported file map to the fields of a row type. Headers match field names
 * and aliases ignoring case, spaces, underscores and hyphens. Cells are converted to each field's
 * type (strings, numbers, {@code BigDecimal}, dates and date-times in common patterns or as Excel
 * serial numbers, booleans such as yes/no/true/false/1/0, and enums by name) before {@link
 * #create} is called.
 *
 * @param <R> the row type
 */
public final class RowMapping<R> {
  private final List<Field> fields;
  private final Function<Object[], R> factory;
  private final boolean keepsOtherColumns;

  private RowMapping(List<Field> fields, Function<Object[], R> factory, boolean keepsOther) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a row mapping needs at least one field");
    }
    this.fields = List.copyOf(fields);
    this.factory = factory;
    this.keepsOtherColumns = keepsOther;
  }

  /**
   * Returns the mapping of a record: one field per component, in order, named by its {@link
   * Header} annotation or its name. Primitive components are required. A {@code Map<String,
   * String>} component marked {@link OtherColumns} is no field: it receives the unmapped columns.
   * This reads the record's
   * components and calls its canonical constructor, the one reflective step in Taskport.
   *
   * @throws IllegalArgumentException if the class is not a record or has no components, or an
   *     {@link OtherColumns} component is not a {@code Map} or is not the only one
   */
  public static <R extends Record> RowMapping<R> ofRecord(Class<R> type) {
    requireNonNull(type, "type");
    RecordComponent[] components = type.getRecordComponents();
    if (components == null || components.length == 0) {
      throw new IllegalArgumentException(type.getName() + " is not a record with components");
    }
    List<Field> fields = new ArrayList<>();
    Class<?>[] types = new Class<?>[components.length];
    int other = -1;
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      if (c.isAnnotationPresent(OtherColumns.class)) {
        other = otherColumns(type, c, other, i);
        continue;
      }
      Header h = c.getAnnotation(Header.class);
      String name = h == null || h.value().isEmpty() ? c.getName() : h.value();
      List<String> aliases = new ArrayList<>();
      if (!name.equals(c.getName())) {
        aliases.add(c.getName());
      }
      if (h != null) {
        aliases.addAll(Arrays.asList(h.aliases()));
      }
      boolean required = c.getType().isPrimitive() || (h != null && h.required());
      String example = h == null || h.example().isEmpty() ? null : h.example();
      boolean allowEmpty = h != null && h.allowEmpty() && !c.getType().isPrimitive();
      List<String> allowed = h == null ? List.of() : List.of(h.allowed());
      fields.add(new Field(name, c.getType(), aliases, required, example, allowEmpty, allowed));
    }
    Constructor<R> constructor;
    try {
      constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
    }
    if (!Modifier.isPublic(type.getModifiers()) || !Modifier.isPublic(constructor.getModifiers())) {
      throw new IllegalArgumentException(
          "record "
              + type.getName()
              + " and its canonical constructor must be public for RowMapping.ofRecord;"
              + " or build the mapping with RowMapping.builder(factory)");
    }
    int at = other;
    Function<Object[], R> factory =
        at < 0
            ? values -> construct(constructor, values)
            : values -> construct(constructor, insert(values, at));
    return new RowMapping<>(fields, factory, at >= 0);
  }

  private static int otherColumns(Class<?> type, RecordComponent c, int found, int index) {
    if (c.getType() != Map.class) {
      throw new IllegalArgumentException(
          type.getName() + "." + c.getName() + " is marked @OtherColumns but is a "
              + c.getType().getSimpleName() + "; declare it as Map<String, String>");
    }
    if (found >= 0) {
      throw new IllegalArgumentException(
          type.getName() + " marks more than one component @OtherColumns; keep one");
    }
    return index;
  }

  /** Moves the last value, the other columns, to its component's place. */
  private static Object[] insert(Object[] values, int at) {
    Object[] args = new Object[values.length];
    System.arraycopy(values, 0, args, 0, at);
    args[at] = values[values.length - 1];
    System.arraycopy(values, at, args, at + 1, values.length - 1 - at);
    return args;
  }

  /** Returns a builder for an explicit mapping whose factory gets values in field order. */
  public static <R> Builder<R> builder(Function<Object[], R> factory) {
    return new Builder<>(requireNonNull(factory, "factory"));
  }

  /** Returns the fields in order. */
  public List<Field> fields() {
    return fields;
  }

  /**
   * Creates a row from converted values, one per field in field order; a missing optional value
   * is {@code null} (or zero/false for a primitive). Other columns, if kept, are empty.
   */
  public R create(Object[] values) {
    return create(values, Map.of());
  }

  /**
   * Creates a row from converted values and the columns no field maps (header to cell text, in
   * file order), which only a mapping that {@link #keepsOtherColumns()} passes on.
   */
  public R create(Object[] values, Map<String, String> otherColumns) {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException(
          "expected " + fields.size() + " values, got " + values.length);
    }
    if (!keepsOtherColumns) {
      return factory.apply(values);
    }
    Object[] all = Arrays.copyOf(values, values.length + 1);
    all[values.length] = Collections.unmodifiableMap(
        new LinkedHashMap<>(requireNonNull(otherColumns, "otherColumns")));
    return factory.apply(all);
  }

  /** Whether rows receive the columns no field maps, instead of those being ignored. */
  public boolean keepsOtherColumns() {
    return keepsOtherColumns;
  }

  private static <R> R construct(Constructor<R> constructor, Object[] values) {
    Class<?>[] types = constructor.getParameterTypes();
    Object[] args = values.clone();
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null && types[i].isPrimitive()) {
        args[i] = defaultOf(types[i]);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + constructor.getDeclaringClass(), e);
    }
  }

  private static Object defaultOf(Class<?> primitive) {
    if (primitive == boolean.class) {
      return false;
    }
    if (primitive == char.class) {
      return '\0';
    }
    if (primitive == long.class) {
      return 0L;
    }
    if (primitive == double.class) {
      return 0.0;
    }
    if (primitive == float.class) {
      return 0.0f;
    }
    if (primitive == short.class) {
      return (short) 0;
    }
    if (primitive == byte.class) {
      return (byte) 0;
    }
    return 0;
  }

  /**
   * One field of the row type.
   *
   * @param name the header written in templates and error reports
   * @param type the Java type cells are converted to
   * @param aliases other headers accepted on import
   * @param required whether the column must be present in the file and, unless {@code
   *     allowEmpty}, hold a non-empty value in every data row
   * @param example an example value for the import template, or {@code null}
   * @param allowEmpty with {@code required}: the column must be present, its cells may be empty
   * @param allowed the values a non-empty cell may hold (compared ignoring case), offered as a
   *     drop-down list in the template; empty for any value of the type
   */
  public record Field(
      String name,
      Class<?> type,
      List<String> aliases,
      boolean required,
      @Nullable String example,
      boolean allowEmpty,
      List<String> allowed) {
    /** Checks the parts and copies the lists. */
    public Field {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      aliases = List.copyOf(aliases);
      allowed = List.copyOf(allowed);
    }

    /** A field that accepts any value of its type. */
    public Field(String name, Class<?> type, List<String> aliases, boolean required,
        @Nullable String example, boolean allowEmpty) {
      this(name, type, aliases, required, example, allowEmpty, List.of());
    }

    /** A field whose required column, if required, must hold a value in every row. */
    public Field(
        String name, Class<?> type, List<String> aliases, boolean required, @Nullable String example) {
      this(name, type, aliases, required, example, false, List.of());
    }

    /** Whether every data row must have a non-empty value in this column. */
    public boolean valueRequired() {
      return required && !allowEmpty;
    }

    /** Returns this field accepting only the given values (compared ignoring case). */
    public Field allowing(String... values) {
      return new Field(name, type, aliases, required, example, allowEmpty, List.of(values));
    }

    /** Returns this field with an example value for the template. */
    public Field withExample(String value) {
      return new Field(name, type, aliases, required, requireNonNull(value, "value"), allowEmpty,
          allowed);
    }
  }

  /** Builds an explicit {@link RowMapping}. Not thread-safe. */
  public static final class Builder<R> {
    private final Function<Object[], R> factory;
    private final List<Field> fields = new ArrayList<>();
    private boolean keepsOther;

    private Builder(Function<Object[], R> factory) {
      this.factory = factory;
    }

    /** Adds an optional field. */
    public Builder<R> field(String name, Class<?> type, String... aliases) {
      fields.add(new Field(name, type, List.of(aliases), false, null));
      return this;
    }

    /** Adds a field that must be present in the file with a non-empty value in every row. */
    public Builder<R> required(String name, Class<?> type, String... aliases) {
      fields.add(new Field(name, type, List.of(aliases), true, null));
      return this;
    }

    /** Adds a field described in full. */
    public Builder<R> field(Field field) {
      fields.add(requireNonNull(field, "field"));
      return this;
    }

    /**
     * Keeps the columns no field maps: the factory then gets, after the field values, one more
     * value, a {@code Map<String, String>} of header to cell text in file order.
     */
    public Builder<R> otherColumns() {
      keepsOther = true;
      return this;
    }

    /** Builds the mapping. */
    public RowMapping<R> build() {
      return new RowMapping<>(fields, factory, keepsOther);
    }
  }
}

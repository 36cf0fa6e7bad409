package io.taskport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column of a record component for {@link RowMapping#ofRecord(Class)}: the header
 * written in templates, other headers accepted on import, whether the column must be present,
 * an example value for the template and the values the column accepts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Header {
  /** The header text; the component name when empty. */
  String value() default "";

  /** Other headers that map to the same field, such as a translated title. */
  String[] aliases() default {};

  /**
   * Whether the column must be present in the file and every data row must have a non-empty
   * value in it; a row with an empty cell there is rejected with "a value is required".
   */
  boolean required() default false;

  /**
   * With {@link #required()}: the column must be present, but its cells may be empty (read as
   * {@code null}). Ignored when the column is optional.
   */
  boolean allowEmpty() default false;

  /** An example value shown in the import template. */
  String example() default "";

  /**
   * The values the column accepts, such as {@code {"open", "closed"}}: the template offers them
   * as a drop-down list, and an import rejects a row whose non-empty cell holds another value
   * (compared ignoring case). Empty means any value of the field's type.
   */
  String[] allowed() default {};
}

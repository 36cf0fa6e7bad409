package io.taskport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the column of a record component for {@link RowMapping#ofRecord(Class)}: the header
 * written in templates, other headers accepted on import, whether the column must be present,
 * and an example value for the template.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Header {
  /** The header text; the component name when empty. */
  String value() default "";

  /** Other headers that map to the same field, such as a translated title. */
  String[] aliases() default {};

  /** Whether the column must be present in the file. */
  boolean required() default false;

  /** An example value shown in the import template. */
  String example() default "";
}

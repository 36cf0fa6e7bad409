package io.taskport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one {@code Map<String, String>} component of an import row record that receives the
 * columns no other component maps, for {@link RowMapping#ofRecord(Class)}: header to cell text, in
 * the file's column order, blank cells included as {@code ""}. Without it such columns are ignored.
 *
 * <pre>{@code
 * public record Contact(String name, String email, @OtherColumns Map<String, String> extra) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface OtherColumns {}

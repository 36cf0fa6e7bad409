package io.taskport.spring.web.app;

import org.jspecify.annotations.Nullable;

/**
 * Params of the accounts import.
 *
 * @param allOrNothing load nothing unless every row is good; best effort by default
 */
public record ImportOptions(@Nullable Boolean allOrNothing) {}

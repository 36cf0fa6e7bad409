package io.taskport.spring.web;

/**
 * The owner of a request's tasks, as a controller parameter; resolved by {@link OwnerArguments}.
 *
 * @param name the owner, never empty
 */
record Owner(String name) {}

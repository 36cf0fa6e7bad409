/** The demo's accounts: generated data, an export and an import. */
@NullMarked
package io.taskport.examples.web.accounts;

import org.jspecify.annotations.NullMarked;

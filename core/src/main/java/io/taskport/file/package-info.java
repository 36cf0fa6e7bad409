/** The {@link io.taskport.file.FileStore} SPI, where result and upload files live. */
@NullMarked
package io.taskport.file;

import org.jspecify.annotations.NullMarked;

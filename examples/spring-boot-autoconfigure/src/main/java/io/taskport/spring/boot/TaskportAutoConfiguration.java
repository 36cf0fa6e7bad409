package io.taskport.spring.boot;

import io.taskport.LinkSigner;
import io.taskport.TaskManager;
import io.taskport.TaskManagerBuilder;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportHandler;
import io.taskport.store.TaskStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configures a {@link TaskManager} from the {@code taskport.*} properties, with a {@link
 * TaskStore} chosen by {@code taskport.store}, a {@link LocalFileStore}, a {@link LinkSigner},
 * every {@link ExportHandler}, {@link ImportHandler} and {@link TabularFormat} bean, and every
 * {@link TaskManagerCustomizer}. The manager starts and drains with the application context. Each
 * bean backs off when the application defines its own.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "taskport.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TaskportProperties.class)
@Import({
  StoreConfigurations.Redis.class,
  StoreConfigurations.RedisModuleMissing.class,
  StoreConfigurations.Jdbc.class,
  StoreConfigurations.JdbcModuleMissing.class,
  StoreConfigurations.Memory.class
})
public final class TaskportAutoConfiguration {
  /** Creates the auto-configuration; called by Spring. */
  public TaskportAutoConfiguration() {}

  /**
   * The local directory of the files: {@code taskport.files.dir}, or with the in-memory store a
   * temporary one. A shared store with a temporary or unset directory is refused, because each
   * node would keep its files where the others cannot read them.
   */
  @Bean
  @ConditionalOnMissingBean(FileStore.class)
  FilesDirectory taskportFilesDirectory(TaskportProperties properties, TaskStore store) {
    return FilesDirectory.choose(properties.getFiles().getDir(), store);
  }

  @Bean
  @ConditionalOnMissingBean
  FileStore taskportFileStore(ObjectProvider<FilesDirectory> directory) {
    return new LocalFileStore(directory.getObject().path());
  }

  /** The signer; its clock is the application's {@link Clock} bean if there is exactly one. */
  @Bean
  @ConditionalOnMissingBean
  LinkSigner taskportLinkSigner(TaskportProperties properties, ObjectProvider<Clock> clock) {
    return LinkSigners.from(properties.getLink(), clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  @ConditionalOnMissingBean
  TaskManager taskManager(
      TaskportProperties properties,
      TaskStore store,
      FileStore files,
      ObjectProvider<ExportHandler<?, ?>> exports,
      ObjectProvider<ImportHandler<?, ?>> imports,
      ObjectProvider<TabularFormat> formats,
      ObjectProvider<TaskManagerCustomizer> customizers) {
    TaskManagerBuilder builder =
        TaskManager.builder()
            .store(store)
            .files(files)
            .workers(properties.getWorkers())
            .taskTimeout(properties.getTaskTimeout())
            .retention(properties.getRetention())
            .maxAttempts(properties.getMaxAttempts())
            .lease(properties.getLease())
            .drainTimeout(properties.getDrainTimeout())
            .pollInterval(properties.getPollInterval())
            .sweepInterval(properties.getSweepInterval())
            .progressInterval(properties.getProgressInterval())
            .retryDelay(properties.getRetryDelay(), properties.getMaxRetryDelay())
            .formatOptions(properties.getFormat().options(properties.getMaxUploadSize().toBytes()));
    if (properties.getHeartbeatInterval() != null) {
      builder.heartbeatInterval(properties.getHeartbeatInterval());
    }
    if (properties.getWorkerId() != null) {
      builder.workerId(properties.getWorkerId());
    }
    properties.getTypeLimits().forEach(builder::typeLimit);
    properties.getScheduling().applyTo(builder);
    exports.orderedStream().forEach(builder::export);
    imports.orderedStream().forEach(builder::importer);
    formats.orderedStream().forEach(builder::format);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    Registrations.check(exports, imports, formats, store, files);
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean
  TaskManagerLifecycle taskManagerLifecycle(TaskManager taskManager) {
    return new TaskManagerLifecycle(taskManager);
  }
}

package io.taskport.spring.boot;

import io.taskport.file.FileStore;
import io.taskport.jdbc.JdbcFileStore;
import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/**
 * The store choices, imported in order of preference: Redis, JDBC, memory. Each creates the
 * store only when the application has no {@link TaskStore} bean of its own.
 */
final class StoreConfigurations {
  private static final String PROPERTY = "taskport.store";
  private static final String REDIS_STORE = "io.taskport.redis.RedisTaskStore";
  private static final String JEDIS = "redis.clients.jedis.UnifiedJedis";
  private static final String JDBC_STORE = "io.taskport.jdbc.JdbcTaskStore";

  private StoreConfigurations() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {REDIS_STORE, JEDIS})
  @Conditional(Redis.Wanted.class)
  static class Redis {
    @Bean
    @ConditionalOnMissingBean(TaskStore.class)
    RedisTaskStore taskportStore(TaskportProperties properties, ObjectProvider<UnifiedJedis> jedis) {
      UnifiedJedis client = jedis.getIfUnique();
      RedisTaskStore.Builder builder =
          client != null
              ? RedisTaskStore.builder(client)
              : RedisTaskStore.builder(properties.getRedis().getUrl());
      return builder.prefix(properties.getRedis().getPrefix()).build();
    }

    /** {@code taskport.store=redis}, or AUTO with a UnifiedJedis bean. */
    static final class Wanted extends AnyNestedCondition {
      Wanted() {
        super(ConfigurationPhase.REGISTER_BEAN);
      }

      @ConditionalOnProperty(name = PROPERTY, havingValue = "redis")
      static final class Explicit {}

      @ConditionalOnProperty(name = PROPERTY, havingValue = "auto", matchIfMissing = true)
      @ConditionalOnBean(type = JEDIS)
      static final class ByBean {}
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = PROPERTY, havingValue = "redis")
  @ConditionalOnMissingClass(REDIS_STORE)
  static class RedisModuleMissing {
    @Bean
    @ConditionalOnMissingBean(TaskStore.class)
    TaskStore taskportStore() {
      throw new IllegalStateException(
          "taskport.store=redis needs io.taskport:taskport-redis-store and Jedis on the class path");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = JDBC_STORE)
  @Conditional(Jdbc.Wanted.class)
  static class Jdbc {
    @Bean
    @ConditionalOnMissingBean(TaskStore.class)
    JdbcTaskStore taskportStore(TaskportProperties properties, DataSource dataSource) {
      return JdbcTaskStore.builder(dataSource)
          .tablePrefix(properties.getJdbc().getTablePrefix())
          .createSchema(properties.getJdbc().isCreateSchema())
          .build();
    }

    /**
     * Files in the same database as the tasks, so every node reads what any node wrote; unless
     * {@code taskport.files.dir} names a (shared) directory or the application has a FileStore.
     */
    @Bean
    @ConditionalOnBean(JdbcTaskStore.class)
    @ConditionalOnMissingBean(FileStore.class)
    @ConditionalOnExpression("'${taskport.files.dir:}'.isEmpty()")
    JdbcFileStore taskportFileStore(TaskportProperties properties, DataSource dataSource) {
      return JdbcFileStore.builder(dataSource)
          .tablePrefix(properties.getJdbc().getTablePrefix())
          .createSchema(properties.getJdbc().isCreateSchema())
          .build();
    }

    /** {@code taskport.store=jdbc}, or AUTO with a DataSource bean. */
    static final class Wanted extends AnyNestedCondition {
      Wanted() {
        super(ConfigurationPhase.REGISTER_BEAN);
      }

      @ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
      static final class Explicit {}

      @ConditionalOnProperty(name = PROPERTY, havingValue = "auto", matchIfMissing = true)
      @ConditionalOnBean(DataSource.class)
      static final class ByBean {}
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = PROPERTY, havingValue = "jdbc")
  @ConditionalOnMissingClass(JDBC_STORE)
  static class JdbcModuleMissing {
    @Bean
    @ConditionalOnMissingBean(TaskStore.class)
    TaskStore taskportStore() {
      throw new IllegalStateException(
          "taskport.store=jdbc needs io.taskport:taskport-jdbc-store on the class path");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Memory {
    @Bean
    @ConditionalOnMissingBean(TaskStore.class)
    @Conditional(Memory.Wanted.class)
    InMemoryTaskStore taskportStore() {
      return new InMemoryTaskStore();
    }

    /** {@code taskport.store=memory}, or AUTO when no other store was chosen. */
    static final class Wanted extends AnyNestedCondition {
      Wanted() {
        super(ConfigurationPhase.REGISTER_BEAN);
      }

      @ConditionalOnProperty(name = PROPERTY, havingValue = "memory")
      static final class Explicit {}

      @ConditionalOnProperty(name = PROPERTY, havingValue = "auto", matchIfMissing = true)
      static final class Fallback {}
    }
  }
}

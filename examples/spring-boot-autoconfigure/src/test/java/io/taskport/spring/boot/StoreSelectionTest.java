package io.taskport.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.jdbc.JdbcTaskStore;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.nio.file.Path;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The store follows {@code taskport.store}, or the beans present when it is AUTO. The Redis
 * cases point at a closed port: building the store needs no server, and {@code workers=0} keeps
 * the manager from polling it.
 */
class StoreSelectionTest {
  private static final String NO_REDIS = "redis://127.0.0.1:1";

  @TempDir Path files;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TaskportAutoConfiguration.class))
          .withPropertyValues("taskport.jdbc.create-schema=true", "taskport.workers=0");

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static UnifiedJedis closedRedis() {
    return RedisClient.create(java.net.URI.create(NO_REDIS));
  }

  @Test
  void auto_withoutBeans_isMemory() {
    runner.run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(InMemoryTaskStore.class));
  }

  @Test
  void auto_withADataSource_isJdbc() {
    runner
        .withBean(DataSource.class, StoreSelectionTest::h2)
        .run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(JdbcTaskStore.class));
  }

  @Test
  void auto_withAJedisBean_isRedis() {
    runner
        .withPropertyValues("taskport.files.dir=" + files)
        .withBean(UnifiedJedis.class, StoreSelectionTest::closedRedis)
        .withBean(DataSource.class, StoreSelectionTest::h2)
        .run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(RedisTaskStore.class));
  }

  @Test
  void memory_winsOverBeans() {
    runner
        .withPropertyValues("taskport.store=memory")
        .withBean(DataSource.class, StoreSelectionTest::h2)
        .withBean(UnifiedJedis.class, StoreSelectionTest::closedRedis)
        .run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(InMemoryTaskStore.class));
  }

  @Test
  void jdbc_byProperty_usesTheDataSource() {
    runner
        .withPropertyValues("taskport.store=jdbc")
        .withBean(UnifiedJedis.class, StoreSelectionTest::closedRedis)
        .withBean(DataSource.class, StoreSelectionTest::h2)
        .run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(JdbcTaskStore.class));
  }

  @Test
  void jdbc_withoutADataSource_fails() {
    runner
        .withPropertyValues("taskport.store=jdbc")
        .run(ctx -> assertThat(ctx).hasFailed());
  }

  @Test
  void redis_byProperty_withoutABean_connectsToTheUrl() {
    runner
        .withPropertyValues(
            "taskport.store=REDIS", "taskport.redis.url=" + NO_REDIS, "taskport.files.dir=" + files)
        .run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(RedisTaskStore.class));
  }

  @Test
  void ownStoreBean_winsOverTheProperty() {
    InMemoryTaskStore own = new InMemoryTaskStore();
    runner
        .withPropertyValues("taskport.store=jdbc")
        .withBean(TaskStore.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean(TaskStore.class)).isSameAs(own));
  }
}

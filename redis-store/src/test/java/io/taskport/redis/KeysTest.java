package io.taskport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.StoreException;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class KeysTest {
  @Test
  void everyKey_sharesTheSlotOfThePrefix() {
    Keys k = new Keys("myapp");
    int slot = JedisClusterCRC16.getSlot("myapp");
    List<String> all =
        List.of(
            k.task(TaskId.random()), k.ready("a:b{c}"), k.wake("x"), k.leases(), k.expiries(),
            k.active(), k.owner("{evil}"), k.events());
    assertThat(all).allSatisfy(key -> assertThat(JedisClusterCRC16.getSlot(key)).isEqualTo(slot));
    assertThat(k.wakes(Set.of("x"))).containsExactly("{myapp}:wake:x");
  }

  @Test
  void prefix_rejectsBracesAndEmptiness() {
    assertThatThrownBy(() -> new Keys("a{b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Keys("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_namesTheKeyOfACorruptHash() {
    assertThatThrownBy(() -> TaskCodec.decode("{p}:task:x", Map.of("status", "RUNNING")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("{p}:task:x");
  }

  @Test
  void event_decodesTheCompactFormOfTheScripts() {
    TaskEvent e =
        TaskCodec.event(
            "{\"i\":\"t1\",\"o\":\"ann\",\"t\":\"accounts\",\"s\":\"RUNNING\",\"d\":\"5\","
                + "\"n\":\"10\",\"a\":\"1700000000123\",\"m\":\"half\"}");
    assertThat(e.taskId()).isEqualTo(TaskId.of("t1"));
    assertThat(e.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(e.progress().message()).isEqualTo("half");
    assertThat(e.at().toEpochMilli()).isEqualTo(1700000000123L);
    assertThatThrownBy(() -> TaskCodec.event("nope")).isInstanceOf(StoreException.class);
  }
}

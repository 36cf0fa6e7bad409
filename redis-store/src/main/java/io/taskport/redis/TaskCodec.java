package io.taskport.redis;

import io.taskport.Attempts;
import io.taskport.Lease;
import io.taskport.Progress;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import io.taskport.store.NewTask;
import io.taskport.store.Scheduling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns tasks into the fields of their Redis hash and back. One hash field per component; the
 * input file and the result are small JSON documents. Instants are epoch milliseconds, durations
 * milliseconds. Anything that does not decode becomes a {@link StoreException} naming the key.
 */
final class TaskCodec {
  /** The longest duration kept, about 3,000 years, so that every time fits a Lua number. */
  static final long MAX_MILLIS = 100_000_000_000_000L;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TaskCodec() {}

  static long millis(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + d);
    }
    return d.compareTo(Duration.ofMillis(MAX_MILLIS)) > 0 ? MAX_MILLIS : d.toMillis();
  }

  /** The fields a new task starts with; the create script adds status and times. */
  static List<String> fields(NewTask n) {
    List<String> f = new ArrayList<>(40);
    add(f, "id", n.id().value());
    add(f, "kind", n.kind().name());
    add(f, "type", n.type());
    add(f, "owner", n.owner());
    add(f, "format", n.format());
    add(f, "params", n.params());
    add(f, "dedupKey", n.dedupKey());
    add(f, "activeKey", n.activeKey());
    add(f, "input", n.input() == null ? null : JSON.writeValueAsString(n.input()));
    add(f, "progressDone", "0");
    add(f, "progressTotal", "-1");
    add(f, "attempt", "0");
    add(f, "maxAttempts", Integer.toString(n.maxAttempts()));
    add(f, "cancelRequested", "0");
    add(f, "retention", Long.toString(millis(n.retention())));
    add(f, "locale", n.locale());
    add(f, "check", n.check() ? "1" : null);
    Scheduling s = n.scheduling();
    add(f, "priority", Integer.toString(s.priority()));
    add(f, "priorityLead", Long.toString(millis(s.priorityLead())));
    add(f, "fairnessKey", s.fairnessKey());
    add(f, "capOwner", Integer.toString(s.maxActivePerOwner()));
    add(f, "capOwnerType", Integer.toString(s.maxActivePerOwnerOfType()));
    return f;
  }

  /** The task the create script wrote: the given fields, PENDING, created and due at {@code now}. */
  static Task created(String key, List<String> fields, String now) {
    List<String> all = new ArrayList<>(fields.size() + 6);
    all.addAll(fields);
    Collections.addAll(all, "status", "PENDING", "createdAt", now, "dueAt", now);
    return decode(key, all);
  }

  static String json(TaskResult result) {
    return JSON.writeValueAsString(result);
  }

  /** Decodes the flat field/value list a script returns from HGETALL. */
  static Task decode(String key, List<?> flat) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return decode(key, m);
  }

  /** Decodes the fields of a task hash. */
  static Task decode(String key, Map<String, String> m) {
    try {
      TaskStatus status = TaskStatus.valueOf(req(m, "status"));
      Attempts attempts =
          new Attempts(Integer.parseInt(req(m, "attempt")), Integer.parseInt(req(m, "maxAttempts")));
      Lease lease =
          status == TaskStatus.RUNNING
              ? new Lease(req(m, "workerId"), instant(req(m, "leaseUntil")))
              : null;
      String errorCode = m.get("errorCode");
      return Task.builder()
          .id(TaskId.of(req(m, "id")))
          .kind(TaskKind.valueOf(req(m, "kind")))
          .type(req(m, "type"))
          .owner(req(m, "owner"))
          .format(req(m, "format"))
          .params(req(m, "params"))
          .dedupKey(m.get("dedupKey"))
          .input(m.containsKey("input") ? JSON.readValue(m.get("input"), FileRef.class) : null)
          .status(status)
          .progress(
              new Progress(
                  Long.parseLong(req(m, "progressDone")),
                  Long.parseLong(req(m, "progressTotal")),
                  m.get("progressMessage")))
          .attempts(attempts)
          .lease(lease)
          .cancelRequested("1".equals(m.get("cancelRequested")))
          .checkpoint(m.get("checkpoint"))
          .result(m.containsKey("result") ? JSON.readValue(m.get("result"), TaskResult.class) : null)
          .error(errorCode == null ? null : TaskError.of(errorCode, req(m, "errorMessage")))
          .createdAt(instant(req(m, "createdAt")))
          .startedAt(optInstant(m.get("startedAt")))
          .finishedAt(optInstant(m.get("finishedAt")))
          .dueAt(optInstant(m.get("dueAt")))
          .expiresAt(optInstant(m.get("expiresAt")))
          .retention(Duration.ofMillis(Long.parseLong(req(m, "retention"))))
          .locale(m.get("locale"))
          .check("1".equals(m.get("check")))
          .confirmedBy(m.containsKey("confirmedBy") ? TaskId.of(m.get("confirmedBy")) : null)
          .scheduling(scheduling(m))
          .build();
    } catch (IllegalArgumentException | NullPointerException | JacksonException e) {
      throw new StoreException("Redis key " + key + " does not hold a valid task: " + e, e);
    }
  }

  /** The scheduling fields; a task written before they existed has the defaults. */
  private static Scheduling scheduling(Map<String, String> m) {
    if (!m.containsKey("priority")) {
      return Scheduling.DEFAULT;
    }
    return new Scheduling(
        Integer.parseInt(m.get("priority")),
        Duration.ofMillis(Long.parseLong(req(m, "priorityLead"))),
        m.get("fairnessKey"),
        Integer.parseInt(req(m, "capOwner")),
        Integer.parseInt(req(m, "capOwnerType")));
  }

  /** Decodes an event published by a script; see {@code publish} in lib.lua. */
  static TaskEvent event(String message) {
    try {
      EventJson e = JSON.readValue(message, EventJson.class);
      return new TaskEvent(
          TaskId.of(e.i()),
          e.o(),
          e.t(),
          TaskStatus.valueOf(e.s()),
          new Progress(Long.parseLong(e.d()), Long.parseLong(e.n()), e.m()),
          instant(e.a()));
    } catch (IllegalArgumentException | NullPointerException | JacksonException e) {
      throw new StoreException("not a Taskport event: " + abbreviate(message), e);
    }
  }

  private static String req(Map<String, String> m, String field) {
    String v = m.get(field);
    if (v == null) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return v;
  }

  private static Instant instant(String millis) {
    return Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static @Nullable Instant optInstant(@Nullable String millis) {
    return millis == null ? null : instant(millis);
  }

  private static void add(List<String> f, String name, @Nullable String value) {
    if (value != null) {
      f.add(name);
      f.add(value);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /** The compact event the scripts publish: id, owner, type, status, done, total, message, at. */
  record EventJson(
      String i, String o, String t, String s, String d, String n, @Nullable String m, String a) {}
}

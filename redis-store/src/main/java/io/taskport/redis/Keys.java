package io.taskport.redis;

import io.taskport.TaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every key and channel name the store uses, all under one hash tag so that each script touches a
 * single cluster slot. With prefix {@code p}: {@code {p}:task:<id>} (hash), {@code
 * {p}:ready:<type>} (sorted set of due times), {@code {p}:wake:<type>} (list of wake-up tokens),
 * {@code {p}:leases} and {@code {p}:expiries} (sorted sets of deadlines), {@code {p}:active}
 * (hash of dedup keys), {@code {p}:owner:<owner>} and {@code {p}:all} (sorted sets of creation
 * times, of one owner and of every task) and the pub/sub channel {@code {p}:events}.
 */
final class Keys {
  private final String tag;

  Keys(String prefix) {
    if (prefix.isEmpty() || prefix.length() > 100) {
      throw new IllegalArgumentException("prefix must be 1 to 100 characters, was '" + prefix + "'");
    }
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("prefix must not contain '{' or '}', was '" + prefix + "'");
    }
    this.tag = "{" + prefix + "}";
  }

  /** The hash tag, braces included; every key starts with it. */
  String tag() {
    return tag;
  }

  String task(TaskId id) {
    return task(id.value());
  }

  String task(String id) {
    return tag + ":task:" + id;
  }

  String ready(String type) {
    return tag + ":ready:" + type;
  }

  String wake(String type) {
    return tag + ":wake:" + type;
  }

  String leases() {
    return tag + ":leases";
  }

  String expiries() {
    return tag + ":expiries";
  }

  String active() {
    return tag + ":active";
  }

  String owner(String owner) {
    return tag + ":owner:" + owner;
  }

  String all() {
    return tag + ":all";
  }

  String events() {
    return tag + ":events";
  }

  List<String> wakes(Set<String> types) {
    List<String> keys = new ArrayList<>(types.size());
    for (String type : types) {
      keys.add(wake(type));
    }
    return keys;
  }
}

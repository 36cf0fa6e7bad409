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
 * times, of one owner and of every task) and the pub/sub channel {@code {p}:events}. Scheduling
 * adds, per type, {@code {p}:fair:<type>} (sorted set of fair turns) and {@code {p}:later:<type>}
 * (sorted set of due times of retries not yet due; {@code {p}:ready:<type>} holds ranks of due
 * tasks), and {@code {p}:latemeta} (hash: the parked retries' lead, priority and fairness key),
 * {@code {p}:run} and {@code {p}:act} (lex-ordered sets of RUNNING and of active tasks by type and
 * owner), {@code {p}:turns} (hash: each fairness key's last turn) and {@code {p}:sched} (hash: the
 * turn being served, start counts per type).
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

  String fair(String type) {
    return tag + ":fair:" + type;
  }

  String later(String type) {
    return tag + ":later:" + type;
  }

  String latemeta() {
    return tag + ":latemeta";
  }

  String run() {
    return tag + ":run";
  }

  String act() {
    return tag + ":act";
  }

  String turns() {
    return tag + ":turns";
  }

  String sched() {
    return tag + ":sched";
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

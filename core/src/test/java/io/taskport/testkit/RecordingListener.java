package io.taskport.testkit;

import io.taskport.TaskEvent;
import io.taskport.TaskListener;
import io.taskport.TaskStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event it receives. */
public final class RecordingListener implements TaskListener {
  private final List<TaskEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(TaskEvent event) {
    events.add(event);
  }

  public List<TaskEvent> events() {
    return List.copyOf(events);
  }

  public List<TaskStatus> statuses() {
    return events.stream().map(TaskEvent::status).distinct().toList();
  }
}

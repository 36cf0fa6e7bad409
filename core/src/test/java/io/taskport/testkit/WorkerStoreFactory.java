package io.taskport.testkit;

import io.taskport.store.TaskStore;
import java.util.Map;

/**
 * Creates the store of a worker JVM started by {@link ChildJvm} from its properties. A store
 * module's tests implement it with a public no-argument constructor and pass the class name as
 * the {@code store.factory} property.
 */
public interface WorkerStoreFactory {
  /** Creates the store; the properties are those given to {@link ChildJvm#start}. */
  TaskStore create(Map<String, String> properties) throws Exception;
}

package io.taskport.examples.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Taskport demo: a task center for account exports and imports. */
@SpringBootApplication
public class DemoApplication {
  /** Starts the demo. */
  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}

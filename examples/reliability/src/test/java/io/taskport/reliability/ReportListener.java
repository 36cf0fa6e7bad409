package io.taskport.reliability;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Closes each report row with its test's outcome, and publishes the report at the end. */
public final class ReportListener implements TestExecutionListener {
  /** Registered through {@code META-INF/services}. */
  public ReportListener() {}

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest()) {
      Report.finish(result);
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    Report.publish();
  }
}

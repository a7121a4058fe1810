package com.partnerplatform.operations;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** A test-only long-running workflow with one handler of each kind, for the operations API. */
@WorkflowInterface
public interface ProbeWorkflow {

  /** Runs until {@link #finish()} is signalled (or it is cancelled or terminated). */
  @WorkflowMethod
  void run();

  @SignalMethod
  void add(String item);

  @SignalMethod
  void finish();

  @QueryMethod
  List<String> items();

  /** Adds an item and returns how many there are now. */
  @UpdateMethod
  int addAndCount(String item);

  @UpdateValidatorMethod(updateName = "addAndCount")
  void rejectBlank(String item);
}

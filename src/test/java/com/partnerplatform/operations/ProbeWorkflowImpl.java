package com.partnerplatform.operations;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

public class ProbeWorkflowImpl implements ProbeWorkflow {

  private final List<String> items = new ArrayList<>();
  private boolean finished;

  @Override
  public void run() {
    Workflow.await(() -> finished);
  }

  @Override
  public void add(String item) {
    items.add(item);
  }

  @Override
  public void finish() {
    finished = true;
  }

  @Override
  public List<String> items() {
    return List.copyOf(items);
  }

  @Override
  public int addAndCount(String item) {
    items.add(item);
    return items.size();
  }

  @Override
  public void rejectBlank(String item) {
    if (item == null || item.isBlank()) {
      throw new IllegalArgumentException("item must not be blank");
    }
  }
}

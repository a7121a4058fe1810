package com.partnerplatform.payment;

import com.partnerplatform.user.ChildNotifications;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.NotificationRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Bills a subscription on durable timers. Period {@code n} starts {@code n - 1} billing periods
 * after the subscription (or after the last change of billing period, or a resume after the due
 * date), counted on the calendar in UTC from workflow time. Its charge is due at its start; the
 * customer is reminded a few days before (not for a charge that is due at once). A failed charge
 * makes the subscription past due and is retried on the dunning schedule, counted from the due
 * date; when the last retry fails too, the subscription is suspended.
 *
 * <p>Updates only change the state and wake the loop, which acts on it. A change that arrives
 * while a charge is in flight waits until the charge settled and then applies to the state it
 * left: a cancel with immediate effect ends the subscription then, and what that charge took is
 * refunded (no receipt; the cancellation e-mail says so). Every few periods the
 * workflow continues as a new run with its state, so that no run's history grows long however
 * long the subscription lives.
 */
public class SubscriptionWorkflowImpl implements SubscriptionWorkflow {

  /** Periods charged in one run before it continues as new: a few hundred history events. */
  static final int PERIODS_PER_RUN = 12;
  /** Continues as new sooner when something else (e.g. many updates) makes the history long. */
  static final int MAX_HISTORY_LENGTH = 2_000;
  static final int LAST_PAYMENTS = 12;
  /** How soon writing the state to the table is tried again when it failed. */
  static final Duration SAVE_RETRY_INTERVAL = Duration.ofMinutes(10);
  /** How soon a refund owed is tried again when its activity gave up. */
  static final Duration REFUND_RETRY_INTERVAL = Duration.ofMinutes(10);
  /**
   * Version 1: changes wait for a charge in flight, a cancel-now refunds it, and a cancel-now sends
   * the cancellation e-mail. Earlier runs applied changes at once and sent no such e-mail.
   */
  static final String CHANGES_WAIT_FOR_CHARGE = "changes-wait-for-charge";

  private static final Logger log = Workflow.getLogger(SubscriptionWorkflowImpl.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private final SubscriptionActivities activities = Workflow.newActivityStub(SubscriptionActivities.class);
  private final SubscriptionRequest request;

  private Plan plan;
  private Plan nextPlan;
  private int periodsPaid;
  private Instant dueAt;
  private Instant cycleStart;
  private int cycleStartPeriod;
  private int failedAttempts;
  private int keyAttempt;
  private int remindedPeriod;
  private Instant paidThrough;
  private boolean paused;
  private boolean cancelAtPeriodEnd;
  private String lastFailure;
  private List<SubscriptionPayment> lastPayments;
  private long revision;

  private SubscriptionStatus ended;
  private long savedRevision;
  private int periodsThisRun;
  /** A charge is in flight (only set by version 1 of {@link #CHANGES_WAIT_FOR_CHARGE}). */
  private boolean charging;
  /** A cancel with immediate effect waits for the charge in flight to settle. */
  private boolean cancelNowPending;
  private SubscriptionRefund refund;

  /** Sets the state up before any update or query can see it. */
  @WorkflowInit
  public SubscriptionWorkflowImpl(SubscriptionRequest request) {
    this.request = request;
    SubscriptionState state = request.state();
    if (state == null) {
      Instant start = now();
      plan = request.plan();
      dueAt = start;
      cycleStart = start;
      cycleStartPeriod = 1;
      keyAttempt = 1;
      lastPayments = List.of();
    } else {
      plan = state.plan();
      nextPlan = state.nextPlan();
      periodsPaid = state.periodsPaid();
      dueAt = state.dueAt();
      cycleStart = state.cycleStart();
      cycleStartPeriod = state.cycleStartPeriod();
      failedAttempts = state.failedAttempts();
      keyAttempt = state.keyAttempt();
      remindedPeriod = state.remindedPeriod();
      paidThrough = state.paidThrough();
      paused = state.paused();
      cancelAtPeriodEnd = state.cancelAtPeriodEnd();
      lastFailure = state.lastFailure();
      lastPayments = state.lastPayments();
      revision = state.revision();
    }
    // The API inserted the row at revision 0; a run saves its state before it continues as new.
    savedRevision = revision;
  }

  @Override
  public SubscriptionDetails run(SubscriptionRequest request) {
    try {
      while (ended == null) {
        if (timeToContinueAsNew()) {
          continueAsNew(request);
        } else {
          step();
        }
      }
      saveUntilSaved();
    } catch (CanceledFailure e) {
      // Cancelled from outside the API (e.g. by an operator): the table must say so too.
      end(SubscriptionStatus.CANCELLED);
      Workflow.newDetachedCancellationScope(this::saveUntilSaved).run();
      throw e;
    }
    if (ended == SubscriptionStatus.SUSPENDED) {
      notifySuspended();
    } else if (ended == SubscriptionStatus.CANCELLED
        && Workflow.getVersion(CHANGES_WAIT_FOR_CHARGE, Workflow.DEFAULT_VERSION, 1) >= 1) {
      notifyCancelled();
    }
    return getDetails();
  }

  // --- updates and query

  @Override
  public void validateCancel(boolean atPeriodEnd) {
    requireRunning();
    if (atPeriodEnd) {
      requireNoCancelNowPending();
    }
    if (atPeriodEnd && status() != SubscriptionStatus.ACTIVE) {
      throw SubscriptionErrors.refusal(SubscriptionErrors.NOT_ACTIVE, "The subscription is " + status().value()
          + "; only an active subscription can be cancelled at the end of its period. Cancel it now instead.");
    }
  }

  @Override
  public SubscriptionDetails cancel(boolean atPeriodEnd) {
    if (!atPeriodEnd && (charging || cancelNowPending)) {
      // The loop ends the subscription once the charge settled, and refunds what it took.
      cancelNowPending = true;
      Workflow.await(() -> ended != null);
      return getDetails();
    }
    afterChargeSettled(() -> validateCancel(atPeriodEnd));
    if (atPeriodEnd) {
      cancelAtPeriodEnd = true;
      nextPlan = null;
      changed();
    } else {
      end(SubscriptionStatus.CANCELLED);
    }
    return getDetails();
  }

  @Override
  public void validatePause() {
    requireRunning();
    requireNoPendingCancellation();
    if (status() != SubscriptionStatus.ACTIVE) {
      throw SubscriptionErrors.refusal(SubscriptionErrors.NOT_ACTIVE,
          "The subscription is " + status().value() + "; only an active subscription can be paused.");
    }
  }

  @Override
  public SubscriptionDetails pause() {
    afterChargeSettled(this::validatePause);
    paused = true;
    changed();
    return getDetails();
  }

  @Override
  public void validateResume() {
    requireRunning();
    if (!paused) {
      throw SubscriptionErrors.refusal(SubscriptionErrors.NOT_PAUSED,
          "The subscription is " + status().value() + ", not paused.");
    }
  }

  @Override
  public SubscriptionDetails resume() {
    paused = false;
    Instant now = now();
    if (failedAttempts == 0 && !now.isBefore(dueAt)) {
      // The due date passed while paused: the next period starts now, and its charge is due now.
      dueAt = now;
      cycleStart = now;
      cycleStartPeriod = periodsPaid + 1;
    }
    changed();
    return getDetails();
  }

  @Override
  public void validateChangePlan(Plan plan) {
    requireRunning();
    requireNoPendingCancellation();
    if (plan == null) {
      throw new IllegalArgumentException("A plan is required.");
    }
  }

  @Override
  public SubscriptionDetails changePlan(Plan plan) {
    afterChargeSettled(() -> validateChangePlan(plan));
    // Changing back to the current plan withdraws a change not yet in effect.
    nextPlan = plan.id().equals(this.plan.id()) ? null : plan;
    changed();
    return getDetails();
  }

  @Override
  public SubscriptionDetails getDetails() {
    Instant nextChargeAt = ended != null || paused || cancelAtPeriodEnd || cancelNowPending ? null : nextAttemptAt();
    return new SubscriptionDetails(status(), plan, nextPlan, periodsPaid, paidThrough, nextChargeAt, failedAttempts,
        cancelAtPeriodEnd, lastFailure, lastPayments, refund);
  }

  // --- billing

  /** Does whatever is due next, or waits for it (or for a change). */
  private void step() {
    if (paused) {
      waitForChange(null);
      return;
    }
    Instant now = now();
    if (reminderPending(now)) {
      Instant remindAt = dueAt.minus(request.terms().reminderBefore());
      if (now.isBefore(remindAt)) {
        waitForChange(remindAt);
      } else {
        remind();
      }
      return;
    }
    if (now.isBefore(nextAttemptAt())) {
      waitForChange(nextAttemptAt());
    } else if (cancelAtPeriodEnd) {
      end(SubscriptionStatus.EXPIRED);
    } else {
      charge();
    }
  }

  /** A renewal (not a retry, not a charge due at once) the customer has not been reminded of. */
  private boolean reminderPending(Instant now) {
    return failedAttempts == 0 && !cancelAtPeriodEnd && remindedPeriod <= periodsPaid && now.isBefore(dueAt);
  }

  private void remind() {
    int period = periodsPaid + 1;
    remindedPeriod = period;
    Plan renewal = nextPlan == null ? plan : nextPlan;
    Map<String, String> data = data(renewal, period);
    data.put("chargeAt", dueAt.toString());
    notifyCustomer("subscription_reminder", "period-" + period + "-reminder", false,
        "Your " + renewal.name() + " subscription renews on " + DAY.format(dueAt),
        "On " + DAY.format(dueAt) + " we will charge " + amount(renewal) + " for the next "
            + periodName(renewal) + " of your " + renewal.name() + " subscription.", data);
  }

  private void charge() {
    int period = periodsPaid + 1;
    if (failedAttempts == 0 && keyAttempt == 1 && nextPlan != null) {
      startNextPlan();
    }
    SubscriptionCharge command = new SubscriptionCharge(request.subscriptionId(), period,
        WorkflowIds.subscription(request.subscriptionId()) + "-period-" + period + "-attempt-" + keyAttempt,
        plan.amount(), plan.currency(), request.paymentMethod());
    charging = Workflow.getVersion(CHANGES_WAIT_FOR_CHARGE, Workflow.DEFAULT_VERSION, 1) >= 1;
    SubscriptionPayment payment = null;
    ActivityFailure failure = null;
    try {
      // Never abandoned halfway: a charge that went through is recorded even if the workflow is cancelled.
      payment = PaymentWorkflowImpl.detached(() -> activities.charge(command));
    } catch (ActivityFailure e) {
      failure = e;
    }
    charging = false;
    if (cancelNowPending) {
      cancelAfterCharge(command, payment, failure);
    } else if (failure != null) {
      chargeFailed(period, failure);
    } else {
      paid(period, payment);
    }
  }

  /**
   * The customer cancelled at once while this charge was in flight: whatever it took goes back,
   * and the subscription ends without a receipt.
   */
  private void cancelAfterCharge(SubscriptionCharge command, SubscriptionPayment payment, ActivityFailure failure) {
    if (payment != null) {
      addPayment(payment);
    }
    // A charge whose answer was lost may have gone through: the refund asks the gateway's book.
    if (payment != null || !refusedForGood(failure)) {
      refund = refundUntilRefunded(command);
    }
    end(SubscriptionStatus.CANCELLED);
  }

  /** Money taken after a cancel must go back: a refund whose activity gave up is tried again later. */
  private SubscriptionRefund refundUntilRefunded(SubscriptionCharge command) {
    // Every attempt with this key was made at or after the period's due date.
    Instant chargedNotBefore = dueAt;
    while (true) {
      try {
        return PaymentWorkflowImpl.detached(() -> activities.refund(command, chargedNotBefore));
      } catch (ActivityFailure e) {
        log.warn("Refunding {} failed, trying again in {}: {}", command.idempotencyKey(), REFUND_RETRY_INTERVAL,
            e.getMessage());
        Workflow.sleep(REFUND_RETRY_INTERVAL);
      }
    }
  }

  /** The period starting now is the first of the next plan. */
  private void startNextPlan() {
    if (nextPlan.period() != plan.period()) {
      cycleStart = dueAt;
      cycleStartPeriod = periodsPaid + 1;
    }
    plan = nextPlan;
    nextPlan = null;
    changed();
  }

  private void paid(int period, SubscriptionPayment payment) {
    addPayment(payment);
    periodsPaid = period;
    paidThrough = plan.period().advance(cycleStart, period + 1L - cycleStartPeriod);
    dueAt = paidThrough;
    failedAttempts = 0;
    keyAttempt = 1;
    lastFailure = null;
    periodsThisRun++;
    changed();
    Map<String, String> data = data(plan, period);
    data.put("transactionId", payment.transactionId());
    data.put("paidThrough", paidThrough.toString());
    notifyCustomer("subscription_receipt", "period-" + period + "-receipt", true,
        "Payment received for your " + plan.name() + " subscription",
        "We received " + amount(plan) + " for your " + plan.name() + " subscription, which is paid through "
            + DAY.format(paidThrough) + " (transaction " + payment.transactionId() + ").", data);
  }

  private void addPayment(SubscriptionPayment payment) {
    List<SubscriptionPayment> payments = new ArrayList<>(LAST_PAYMENTS);
    payments.add(payment);
    payments.addAll(lastPayments.subList(0, Math.min(lastPayments.size(), LAST_PAYMENTS - 1)));
    lastPayments = List.copyOf(payments);
  }

  /** The gateway refused the request for good (e.g. a decline): it took nothing under its key. */
  private static boolean refusedForGood(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure refused && refused.isNonRetryable();
  }

  private void chargeFailed(int period, ActivityFailure failure) {
    failedAttempts++;
    if (refusedForGood(failure)) {
      // The gateway refused this key for good; whatever else failed may have charged, so its key is reused.
      keyAttempt++;
    }
    String reason = PaymentWorkflowImpl.messageOf(failure);
    lastFailure = PaymentWorkflowImpl.codeOf(failure) + ": " + reason;
    log.info("Charge {} of period {} failed: {}", failedAttempts, period, lastFailure);
    if (failedAttempts > request.terms().dunningSchedule().size()) {
      end(SubscriptionStatus.SUSPENDED);
      return;
    }
    changed();
    Map<String, String> data = data(plan, period);
    data.put("reason", reason);
    data.put("nextAttemptAt", nextAttemptAt().toString());
    notifyCustomer("subscription_payment_failed", "period-" + period + "-attempt-" + failedAttempts + "-failed",
        true, "Payment for your " + plan.name() + " subscription failed",
        "We could not charge " + amount(plan) + " for your " + plan.name() + " subscription: " + reason
            + " We will try again on " + DAY.format(nextAttemptAt()) + ".", data);
  }

  private void notifySuspended() {
    int period = periodsPaid + 1;
    notifyCustomer("subscription_suspended", "period-" + period + "-suspended", true,
        "Your " + plan.name() + " subscription is suspended",
        "We could not charge " + amount(plan) + " for your " + plan.name() + " subscription in " + failedAttempts
            + " attempts (last: " + lastFailure + "), so it is suspended and will not be charged again.",
        data(plan, period));
  }

  private void notifyCancelled() {
    String message = "Your " + plan.name() + " subscription is cancelled with immediate effect and will not be"
        + " charged again.";
    Map<String, String> data;
    if (refund == null) {
      data = data(plan, periodsPaid);
    } else {
      message += " The charge of " + refund.amount().toPlainString() + " " + refund.currency() + " for the period"
          + " being paid when you cancelled has been refunded (refund " + refund.transactionId() + ").";
      data = data(plan, periodsPaid + 1);
      data.put("refundTransactionId", refund.transactionId());
      data.put("refundAmount", refund.amount().toPlainString());
    }
    data.put("refunded", Boolean.toString(refund != null));
    notifyCustomer("subscription_cancelled", "cancelled", true, "Your " + plan.name() + " subscription is cancelled",
        message, data);
  }

  /** When the charge of the next period, or its next retry, is due. */
  private Instant nextAttemptAt() {
    return failedAttempts == 0 ? dueAt : dueAt.plus(request.terms().dunningSchedule().get(failedAttempts - 1));
  }

  private SubscriptionStatus status() {
    if (ended != null) {
      return ended;
    }
    if (paused) {
      return SubscriptionStatus.PAUSED;
    }
    return failedAttempts > 0 ? SubscriptionStatus.PAST_DUE : SubscriptionStatus.ACTIVE;
  }

  private void end(SubscriptionStatus status) {
    if (ended == null) {
      ended = status;
      changed();
    }
  }

  // --- waiting, saving, continuing as new

  /**
   * Saves the state, then sleeps until {@code until} (forever when null) or until an update
   * changes the state. While the state is not saved, wakes up to try again.
   */
  private void waitForChange(Instant until) {
    boolean saveFailed = !save();
    long seen = revision;
    if (!saveFailed && savedRevision != seen) {
      return; // changed while saving: act on that first
    }
    Duration wait = until == null ? null : Duration.between(now(), until);
    if (saveFailed && (wait == null || wait.compareTo(SAVE_RETRY_INTERVAL) > 0)) {
      wait = SAVE_RETRY_INTERVAL;
    }
    if (wait == null) {
      Workflow.await(() -> revision != seen);
    } else if (!wait.isNegative() && !wait.isZero()) {
      Workflow.await(wait, () -> revision != seen);
    }
  }

  /**
   * Writes the state to the table unless it is there already.
   *
   * @return false when writing failed
   */
  private boolean save() {
    if (savedRevision == revision) {
      return true;
    }
    long saving = revision;
    SubscriptionDetails details = getDetails();
    try {
      PaymentWorkflowImpl.detached(() -> {
        activities.saveDetails(request.subscriptionId(), saving, details);
        return null;
      });
    } catch (ActivityFailure e) {
      log.warn("Saving the state of subscription {} failed: {}", request.subscriptionId(), e.getMessage());
      return false;
    }
    savedRevision = saving;
    return true;
  }

  private void saveUntilSaved() {
    while (savedRevision != revision) {
      if (!save()) {
        Workflow.sleep(SAVE_RETRY_INTERVAL);
      }
    }
  }

  /** Hands the state on to a new run once it is saved and no update is half done, unless it ended meanwhile. */
  private void continueAsNew(SubscriptionRequest request) {
    do {
      saveUntilSaved();
      Workflow.await(Workflow::isEveryHandlerFinished);
    } while (savedRevision != revision);
    if (ended == null) {
      Workflow.continueAsNew(request.continuedWith(state()));
    }
  }

  private boolean timeToContinueAsNew() {
    WorkflowInfo info = Workflow.getInfo();
    return periodsThisRun >= PERIODS_PER_RUN || info.getHistoryLength() >= MAX_HISTORY_LENGTH
        || info.isContinueAsNewSuggested();
  }

  private SubscriptionState state() {
    return new SubscriptionState(plan, nextPlan, periodsPaid, dueAt, cycleStart, cycleStartPeriod, failedAttempts,
        keyAttempt, remindedPeriod, paidThrough, paused, cancelAtPeriodEnd, lastFailure, lastPayments, revision);
  }

  private void changed() {
    revision++;
  }

  // --- validation helpers

  private void requireRunning() {
    if (ended != null) {
      throw SubscriptionErrors.refusal(SubscriptionErrors.ENDED, "The subscription is " + ended.value() + ".");
    }
  }

  /**
   * Waits until no charge is in flight, then checks again what the state allows now: the charge
   * may have made the subscription past due, or ended it.
   */
  private void afterChargeSettled(Runnable validation) {
    if (!charging) {
      return;
    }
    Workflow.await(() -> !charging);
    try {
      validation.run();
    } catch (IllegalStateException refusal) {
      // An update handler (unlike its validator) fails the update only with an ApplicationFailure.
      throw (ApplicationFailure) refusal.getCause();
    }
  }

  private void requireNoCancelNowPending() {
    if (cancelNowPending) {
      throw SubscriptionErrors.refusal(SubscriptionErrors.CANCEL_PENDING, "The subscription is being cancelled: it"
          + " ends once the charge in progress has settled, and what that charge took is refunded.");
    }
  }

  private void requireNoPendingCancellation() {
    requireNoCancelNowPending();
    if (cancelAtPeriodEnd) {
      throw SubscriptionErrors.refusal(SubscriptionErrors.CANCEL_PENDING,
          "The subscription ends with the period paid for"
              + (paidThrough == null ? "" : ", on " + DAY.format(paidThrough)) + ".");
    }
  }

  // --- notifications

  /** An e-mail and in-app message to the customer, once per dedup key. */
  private void notifyCustomer(String type, String dedupSuffix, boolean urgent, String subject, String message,
      Map<String, String> data) {
    ChildNotifications.start(new NotificationRequest(request.userId(), type, subject, message, data,
        EnumSet.of(NotificationChannel.EMAIL, NotificationChannel.IN_APP), urgent,
        WorkflowIds.subscription(request.subscriptionId()) + "-" + dedupSuffix), request.notificationTaskQueue());
  }

  private Map<String, String> data(Plan about, int period) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("subscriptionId", request.subscriptionId().toString());
    data.put("planId", about.id());
    data.put("period", Integer.toString(period));
    data.put("amount", about.amount().toPlainString());
    data.put("currency", about.currency());
    return data;
  }

  private static String amount(Plan plan) {
    return plan.amount().toPlainString() + " " + plan.currency();
  }

  private static String periodName(Plan plan) {
    return switch (plan.period()) {
      case WEEKLY -> "week";
      case MONTHLY -> "month";
      case YEARLY -> "year";
    };
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}

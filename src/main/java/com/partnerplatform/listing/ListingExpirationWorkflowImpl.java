package com.partnerplatform.listing;

import static com.partnerplatform.listing.ListingWorkflowSupport.now;

import com.partnerplatform.platform.temporal.UpdateRefusals;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Sleeps until the next reminder or the expiry, whichever comes first; renewals and unpublishing
 * wake it. Reminders belong to an expiry: a renewal starts them over for the new one. A reminder
 * whose time had already passed when its expiry took effect is skipped; one that came due while
 * the workflow waited is sent (only the latest, when several came due at once).
 *
 * <p>Updates queue their change and wait; the loop carries changes out one at a time, so a renewal
 * never races the expiry. After a number of renewals, or when the history grows long, the
 * workflow continues as new with the current expiry and the reminders sent for it.
 */
public class ListingExpirationWorkflowImpl implements ListingExpirationWorkflow {

  /** Renewals carried out in one run before it continues as new: a few hundred history events. */
  static final int RENEWALS_PER_RUN = 20;
  /** Continues as new sooner when something else (e.g. many refused updates) makes the history long. */
  static final int MAX_HISTORY_LENGTH = 2_000;

  private static final Logger log = Workflow.getLogger(ListingExpirationWorkflowImpl.class);

  private final ListingActivities activities = Workflow.newActivityStub(ListingActivities.class);
  private final ExpirationRequest request;
  private final Queue<Renewal> renewals = new ArrayDeque<>();
  private final List<Integer> remindersSent;
  private final Set<Integer> remindersSkipped = new HashSet<>();

  private Instant expiresAt;
  private boolean unpublishRequested;
  /** Expiring or unpublishing has begun: the listing takes no more changes. */
  private boolean ending;
  private boolean ended;
  private int renewalsThisRun;

  @WorkflowInit
  public ListingExpirationWorkflowImpl(ExpirationRequest request) {
    this.request = request;
    expiresAt = request.expiresAt();
    remindersSent = new ArrayList<>(request.remindersSent() == null ? List.of() : request.remindersSent());
    skipPastReminders();
  }

  @Override
  public ExpiryStatus run(ExpirationRequest request) {
    while (!ended) {
      step();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    return getStatus();
  }

  // --- updates and query

  @Override
  public void validateRenew(int days) {
    requireLive();
    if (days < 1 || days > request.maxRenewalDays()) {
      throw UpdateRefusals.refusal(ListingErrors.INVALID_RENEWAL,
          "A renewal adds 1 to " + request.maxRenewalDays() + " days, not " + days + ".");
    }
  }

  @Override
  public ExpiryStatus renew(int days) {
    Renewal renewal = new Renewal(days);
    renewals.add(renewal);
    Workflow.await(() -> renewal.result != null || renewal.failure != null);
    if (renewal.failure != null) {
      throw renewal.failure;
    }
    return renewal.result;
  }

  @Override
  public void validateUnpublish() {
    requireLive();
  }

  @Override
  public ExpiryStatus unpublish() {
    unpublishRequested = true;
    Workflow.await(() -> ended);
    return getStatus();
  }

  @Override
  public ExpiryStatus getStatus() {
    return new ExpiryStatus(expiresAt, ended, List.copyOf(remindersSent), ending ? null : nextReminderAt());
  }

  private void requireLive() {
    if (ending || unpublishRequested || !now().isBefore(expiresAt)) {
      throw UpdateRefusals.refusal(ListingErrors.NOT_LIVE, ending || unpublishRequested
          ? "The listing is no longer live." : "The listing expires now.");
    }
  }

  // --- the loop

  /** Carries out what is due or asked for next, or waits for it. */
  private void step() {
    if (!renewals.isEmpty()) {
      renew(renewals.peek());
      return;
    }
    if (unpublishRequested) {
      end(now(), true);
      return;
    }
    Instant now = now();
    if (!now.isBefore(expiresAt)) {
      end(expiresAt, false);
      return;
    }
    Integer due = dueReminder(now);
    if (due != null) {
      remind(due);
    } else if (timeToContinueAsNew()) {
      continueAsNewWhenIdle();
    } else {
      Instant next = nextReminderAt();
      Instant wakeAt = next == null ? expiresAt : next;
      Workflow.await(Duration.between(now, wakeAt), this::changeAsked);
    }
  }

  private boolean changeAsked() {
    return !renewals.isEmpty() || unpublishRequested;
  }

  private void renew(Renewal renewal) {
    Instant renewed = expiresAt.plus(Duration.ofDays(renewal.days));
    try {
      activities.setExpiry(request.listingId(), renewed);
    } catch (ActivityFailure failure) {
      log.warn("Renewing listing {} failed: {}", request.listingId(), ListingWorkflowSupport.messageOf(failure));
      renewal.failure = ApplicationFailure.newFailureWithCause("The renewal could not be recorded: "
          + ListingWorkflowSupport.messageOf(failure), ListingErrors.RENEWAL_FAILED, failure);
      renewals.remove();
      return;
    }
    expiresAt = renewed;
    remindersSent.clear();
    remindersSkipped.clear();
    skipPastReminders();
    renewalsThisRun++;
    renewal.result = getStatus();
    renewals.remove();
  }

  private void end(Instant at, boolean unpublished) {
    ending = true;
    untilDone(() -> activities.expire(request.listingId(), at));
    untilDone(() -> activities.removeFromSearch(request.listingId()));
    expiresAt = at;
    ended = true;
    Map<String, String> data = data();
    data.put("expiredAt", at.toString());
    if (unpublished) {
      notifyOwner("listing_unpublished", "unpublished", "Listing Unpublished", "Your listing "
          + request.listingId() + " was unpublished on " + ListingWorkflowSupport.time(at)
          + " and is no longer visible to users.", data);
    } else {
      notifyOwner("listing_expired", "expired", "Listing Expired", "Your listing " + request.listingId()
          + " expired on " + ListingWorkflowSupport.time(at) + " and is no longer visible to users."
          + "\nTo show it again, submit it for review once more.", data);
    }
  }

  /**
   * Runs a step that must happen however long its dependency is down: after the activity's own
   * retries, again after growing pauses. A non-retryable failure (e.g. the listing is gone) ends
   * the workflow.
   */
  private void untilDone(Functions.Proc step) {
    Duration pause = ListingWorkflowSupport.FIRST_PAUSE;
    while (true) {
      try {
        step.apply();
        return;
      } catch (ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure cause && cause.isNonRetryable()) {
          throw failure;
        }
        log.warn("Listing {}: trying again in {}: {}", request.listingId(), pause,
            ListingWorkflowSupport.messageOf(failure));
        Workflow.sleep(pause);
        pause = ListingWorkflowSupport.nextPause(pause);
      }
    }
  }

  // --- reminders

  /** Reminders whose time has passed when an expiry takes effect are not sent for it. */
  private void skipPastReminders() {
    Instant now = now();
    for (int days : request.reminderDays()) {
      if (!remindersSent.contains(days) && !now.isBefore(remindAt(days))) {
        remindersSkipped.add(days);
      }
    }
  }

  /** The reminder to send now: the latest of those that came due; the earlier ones are skipped. */
  private Integer dueReminder(Instant now) {
    List<Integer> due = pendingReminders().stream().filter(days -> !now.isBefore(remindAt(days))).toList();
    if (due.isEmpty()) {
      return null;
    }
    Integer latest = due.stream().min(Comparator.naturalOrder()).orElseThrow();
    due.stream().filter(days -> !days.equals(latest)).forEach(remindersSkipped::add);
    return latest;
  }

  private Instant nextReminderAt() {
    return pendingReminders().stream().map(this::remindAt).min(Comparator.naturalOrder()).orElse(null);
  }

  private List<Integer> pendingReminders() {
    return request.reminderDays().stream()
        .filter(days -> !remindersSent.contains(days) && !remindersSkipped.contains(days))
        .toList();
  }

  private Instant remindAt(int days) {
    return expiresAt.minus(Duration.ofDays(days));
  }

  private void remind(int days) {
    remindersSent.add(days);
    String remaining = days + (days == 1 ? " Day" : " Days");
    Map<String, String> data = data();
    data.put("expiresAt", expiresAt.toString());
    data.put("daysRemaining", Integer.toString(days));
    notifyOwner("listing_expiring", "reminder-" + days + "d", "Listing Expiring Soon - " + remaining + " Remaining",
        "Your listing " + request.listingId() + " expires on " + ListingWorkflowSupport.time(expiresAt)
            + ". Renew it now to keep it visible to potential customers.", data);
  }

  // --- continuing as new

  private boolean timeToContinueAsNew() {
    WorkflowInfo info = Workflow.getInfo();
    return renewalsThisRun >= RENEWALS_PER_RUN || info.getHistoryLength() >= MAX_HISTORY_LENGTH
        || info.isContinueAsNewSuggested();
  }

  /** Hands the state on to a new run once every update has its answer, unless a new change came meanwhile. */
  private void continueAsNewWhenIdle() {
    Workflow.await(() -> Workflow.isEveryHandlerFinished() || changeAsked());
    if (!changeAsked()) {
      Workflow.continueAsNew(new ExpirationRequest(request.listingId(), request.ownerId(), expiresAt,
          request.reminderDays(), List.copyOf(remindersSent), request.notificationTaskQueue(),
          request.maxRenewalDays()));
    }
  }

  // --- notifications

  /** Keys carry the expiry: a renewed listing is reminded again, and a listing approved again is told again. */
  private void notifyOwner(String type, String dedupSuffix, String subject, String message, Map<String, String> data) {
    ListingWorkflowSupport.send(request.ownerId(), type,
        ListingWorkflowIds.expiration(request.listingId()) + "-" + expiresAt.toEpochMilli() + "-" + dedupSuffix,
        subject, message, data, request.notificationTaskQueue());
  }

  private Map<String, String> data() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("listingId", request.listingId().toString());
    return data;
  }

  /** A renewal asked for, and its answer once carried out. */
  private static final class Renewal {

    final int days;
    ExpiryStatus result;
    ApplicationFailure failure;

    Renewal(int days) {
      this.days = days;
    }
  }
}

package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.temporal.DomainQueue;
import com.partnerplatform.platform.temporal.BoundedQueries;
import com.partnerplatform.platform.temporal.TemporalSettings;
import com.partnerplatform.platform.web.ApiException;
import com.partnerplatform.user.UserRegistered;
import com.partnerplatform.user.UserStatus;
import com.partnerplatform.user.onboarding.AccountStatusStore.Account;
import com.partnerplatform.user.onboarding.AccountStatusStore.Transition;
import com.partnerplatform.user.onboarding.OnboardingStart.Trigger;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/** Starts onboarding on registration and serves the onboarding endpoints. */
@Service
class OnboardingService {

  private static final Logger log = LoggerFactory.getLogger(OnboardingService.class);

  private final WorkflowClient client;
  private final BoundedQueries queries;
  private final TemporalSettings temporal;
  private final OnboardingProperties properties;
  private final AccountStatusStore accounts;
  private final VerificationTokenStore tokens;
  private final TransactionTemplate transactions;
  private final Clock clock;

  OnboardingService(WorkflowClient client, TemporalSettings temporal, BoundedQueries queries,
      OnboardingProperties properties, AccountStatusStore accounts, VerificationTokenStore tokens,
      TransactionTemplate transactions, Clock clock) {
    this.client = client;
    this.queries = queries;
    this.temporal = temporal;
    this.properties = properties;
    this.accounts = accounts;
    this.tokens = tokens;
    this.transactions = transactions;
    this.clock = clock;
  }

  static String workflowId(UUID userId) {
    return "onboarding-" + userId;
  }

  /** Only once the account is committed, so the workflow's activities find it. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void onUserRegistered(UserRegistered registered) {
    try {
      OnboardingWorkflow workflow = client.newWorkflowStub(OnboardingWorkflow.class, options(registered.userId()));
      WorkflowClient.start(workflow::run, start(registered.userId(), registered.name(), Trigger.REGISTRATION));
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.info("Onboarding of user {} runs already", registered.userId());
    } catch (RuntimeException e) {
      // The account exists either way, and asking for a new link starts onboarding.
      log.error("Could not start onboarding of user {}", registered.userId(), e);
    }
  }

  /** @throws ApiException 404 {@code ONBOARDING_NOT_FOUND} when the account has no onboarding */
  OnboardingProgress progress(UUID userId) {
    try {
      OnboardingWorkflow onboarding = client.newWorkflowStub(OnboardingWorkflow.class, workflowId(userId));
      return queries.query(onboarding::getProgress);
    } catch (WorkflowNotFoundException e) {
      throw onboardingNotFound();
    } catch (WorkflowQueryException e) {
      if (e.getCause() instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw onboardingNotFound();
      }
      throw e;
    }
  }

  /**
   * Uses the token and activates its account in one transaction, then tells the onboarding
   * workflow, which sends the completion e-mail.
   *
   * @return the account's status afterwards ({@code active}, unless it is disabled)
   * @throws ApiException 410 {@code VERIFICATION_LINK_GONE} for an unknown, used, replaced or
   *     expired token
   */
  UserStatus verifyEmail(String token) {
    Verification verification = transactions.execute(tx -> {
      Instant now = SqlTimestamps.now(clock);
      return tokens.use(token, now).map(used -> {
        UserStatus status = accounts.apply(used.userId(), Transition.ACTIVATE, now).orElseThrow();
        tokens.revokeOutstanding(used.userId(), now);
        return new Verification(used.workflowId(), status);
      }).orElse(null);
    });
    if (verification == null) {
      throw new ApiException(HttpStatus.GONE, "VERIFICATION_LINK_GONE",
          "This verification link was used already, was replaced by a newer one, has expired or is unknown. "
              + "Log in and ask for a new one.");
    }
    try {
      client.newWorkflowStub(OnboardingWorkflow.class, verification.workflowId()).emailVerified();
    } catch (WorkflowNotFoundException e) {
      log.info("Onboarding {} has ended; the address is verified all the same", verification.workflowId());
    } catch (RuntimeException e) {
      log.warn("Could not signal {}; it finds the account active at its next step", verification.workflowId(), e);
    }
    return verification.status();
  }

  /**
   * Sends a new link through the running onboarding, or starts a fresh onboarding run when the
   * last one has ended (unverified or failed), both in one call to Temporal.
   *
   * @return the onboarding workflow id
   * @throws ApiException 409 {@code ALREADY_VERIFIED} for an active account
   */
  String resendVerification(UUID userId) {
    Account account = accounts.find(userId)
        .orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "There is no user " + userId + "."));
    if (account.status() == UserStatus.ACTIVE) {
      throw ApiException.conflict("ALREADY_VERIFIED", "The e-mail address of this account is verified already.");
    }
    if (account.status() == UserStatus.DISABLED) {
      throw new ApiException(HttpStatus.FORBIDDEN, "ACCOUNT_DISABLED", "This account is disabled.");
    }
    OnboardingWorkflow workflow = client.newWorkflowStub(OnboardingWorkflow.class, options(userId));
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, start(userId, account.name(), Trigger.RESEND_REQUEST));
    request.add(workflow::resendVerification);
    client.signalWithStart(request);
    return workflowId(userId);
  }

  private WorkflowOptions options(UUID userId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(userId))
        .setTaskQueue(temporal.taskQueue(DomainQueue.USERS))
        // A new run may follow one that ended unverified or failed.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build();
  }

  private OnboardingStart start(UUID userId, String name, Trigger trigger) {
    return new OnboardingStart(userId, name, trigger, properties.reminders(), properties.verificationTimeout());
  }

  private static ApiException onboardingNotFound() {
    return ApiException.notFound("ONBOARDING_NOT_FOUND", "This account has no onboarding.");
  }

  private record Verification(String workflowId, UserStatus status) {}
}

package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.persistence.SqlTimestamps;
import com.partnerplatform.platform.security.OpaqueTokens;
import com.partnerplatform.platform.mail.MailSettings;
import com.partnerplatform.user.UserStatus;
import com.partnerplatform.user.onboarding.AccountStatusStore.Transition;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

@Component
class OnboardingActivitiesImpl implements OnboardingActivities {

  static final String VERIFY_PATH = "/api/auth/verify-email";
  private final AccountStatusStore accounts;
  private final VerificationTokenStore tokens;
  private final OnboardingProperties properties;
  private final MailSettings mail;
  private final TransactionTemplate transactions;
  private final Clock clock;

  OnboardingActivitiesImpl(AccountStatusStore accounts, VerificationTokenStore tokens,
      OnboardingProperties properties, MailSettings mail, TransactionTemplate transactions, Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.properties = properties;
    this.mail = mail;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public UserStatus beginOnboarding(UUID userId) {
    return apply(userId, Transition.BEGIN);
  }

  @Override
  public VerificationLink issueVerificationLink(UUID userId, String workflowId, String runId, boolean revokeEarlier) {
    return transactions.execute(tx -> {
      UserStatus status = accounts.find(userId).orElseThrow(() -> userNotFound(userId)).status();
      if (status != UserStatus.ONBOARDING) {
        return null;
      }
      Instant now = SqlTimestamps.now(clock);
      if (revokeEarlier) {
        tokens.revokeOutstanding(userId, now);
      }
      String token = OpaqueTokens.newValue();
      Instant expiresAt = now.plus(properties.verificationTokenLifetime());
      tokens.insert(token, userId, workflowId, runId, now, expiresAt);
      return new VerificationLink(
          StringUtils.trimTrailingCharacter(mail.publicBaseUrl(), '/') + VERIFY_PATH + "?token=" + token,
          expiresAt);
    });
  }

  @Override
  public UserStatus activateUser(UUID userId) {
    return apply(userId, Transition.ACTIVATE);
  }

  @Override
  public UserStatus expireVerification(UUID userId) {
    return apply(userId, Transition.EXPIRE);
  }

  @Override
  public UserStatus markOnboardingFailed(UUID userId) {
    return apply(userId, Transition.FAIL);
  }

  private UserStatus apply(UUID userId, Transition transition) {
    return accounts.apply(userId, transition, SqlTimestamps.now(clock)).orElseThrow(() -> userNotFound(userId));
  }

  private static ApplicationFailure userNotFound(UUID userId) {
    return ApplicationFailure.newNonRetryableFailure("There is no user " + userId, "USER_NOT_FOUND");
  }
}

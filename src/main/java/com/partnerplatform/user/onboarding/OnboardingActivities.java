package com.partnerplatform.user.onboarding;

import com.partnerplatform.user.UserStatus;
import io.temporal.activity.ActivityInterface;
import java.util.UUID;

/**
 * The database side of onboarding. Status changes only happen from the statuses named on each
 * method, so a retry, a late call or an administrator's change (e.g. {@code disabled}) is never
 * overwritten; each returns the account's status afterwards. An unknown account fails
 * non-retryably ({@code USER_NOT_FOUND}).
 */
@ActivityInterface
public interface OnboardingActivities {

  /** {@code onboarding} from {@code unverified} or {@code onboarding_failed}. */
  UserStatus beginOnboarding(UUID userId);

  /**
   * Stores a new single-use token for the account and run and returns its link, or null when the
   * account is no longer in {@code onboarding} (verified meanwhile, or disabled).
   *
   * @param revokeEarlier whether the account's earlier links stop working
   */
  VerificationLink issueVerificationLink(UUID userId, String workflowId, String runId, boolean revokeEarlier);

  /** {@code active} from {@code onboarding}, {@code unverified} or {@code onboarding_failed}. */
  UserStatus activateUser(UUID userId);

  /** {@code unverified} from {@code onboarding}. */
  UserStatus expireVerification(UUID userId);

  /** {@code onboarding_failed} from {@code onboarding}. */
  UserStatus markOnboardingFailed(UUID userId);
}

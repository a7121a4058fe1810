package com.partnerplatform.user.notification;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Notification types. A type names its templates under {@code templates/notifications/{type}/}
 * (types without their own use {@code default}, which shows the caller's subject and message) and
 * the preferences users set for it.
 */
public final class NotificationTypes {

  /** Lower-case letters, digits and underscores: safe as a template directory name. */
  public static final String PATTERN = "[a-z][a-z0-9_]{0,49}";

  public static final String WELCOME = "welcome";
  public static final String VERIFICATION_REMINDER = "verification_reminder";
  public static final String ONBOARDING_COMPLETE = "onboarding_complete";

  /**
   * Messages the account itself depends on (sent by onboarding): delivered on every channel asked
   * for whatever the user's opt-outs and quiet hours say, so users cannot set preferences for them.
   * A webhook still needs a registered URL.
   */
  public static final Set<String> TRANSACTIONAL = Set.of(WELCOME, VERIFICATION_REMINDER, ONBOARDING_COMPLETE);

  private static final Pattern VALID = Pattern.compile(PATTERN);

  private NotificationTypes() {}

  public static boolean isValid(String type) {
    return type != null && VALID.matcher(type).matches();
  }

  public static boolean isTransactional(String type) {
    return TRANSACTIONAL.contains(type);
  }
}

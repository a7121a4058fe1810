package com.partnerplatform.user;

import java.util.Map;

/** What happened on each channel of one notification. */
public record NotificationResult(Map<NotificationChannel, ChannelOutcome> channels) {

  /**
   * @param status {@code sent}, {@code failed} (after the retry policy was exhausted) or
   *     {@code skipped} (the user opted out, or the channel is not set up); while the workflow
   *     runs, {@code getStatus} also shows {@code pending} and {@code delayed} (quiet hours)
   * @param reason why it failed or was skipped; null when sent
   */
  public record ChannelOutcome(String status, String reason) {

    public static ChannelOutcome sent() {
      return new ChannelOutcome("sent", null);
    }

    public static ChannelOutcome failed(String reason) {
      return new ChannelOutcome("failed", reason);
    }

    public static ChannelOutcome skipped(String reason) {
      return new ChannelOutcome("skipped", reason);
    }
  }
}

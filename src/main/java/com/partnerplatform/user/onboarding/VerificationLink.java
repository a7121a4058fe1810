package com.partnerplatform.user.onboarding;

import java.time.Instant;

/** A verification link as it goes into an e-mail. */
public record VerificationLink(String url, Instant expiresAt) {}

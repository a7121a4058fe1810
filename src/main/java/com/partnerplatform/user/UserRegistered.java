package com.partnerplatform.user;

import java.util.UUID;

/**
 * Published when someone registers an account, inside the transaction that stores it; listeners
 * that act on the stored account use {@code @TransactionalEventListener(phase = AFTER_COMMIT)}.
 */
public record UserRegistered(UUID userId, String email, String name) {}

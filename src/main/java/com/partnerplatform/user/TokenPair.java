package com.partnerplatform.user;

import io.swagger.v3.oas.annotations.media.Schema;

/** What login and refresh return. */
record TokenPair(
    @Schema(description = "JWT to send as 'Authorization: Bearer ...'") String accessToken,
    @Schema(description = "Single-use token for POST /api/auth/refresh") String refreshToken,
    @Schema(example = BEARER) String tokenType,
    @Schema(description = "Seconds until the access token expires") long expiresIn) {

  static final String BEARER = "Bearer";
}

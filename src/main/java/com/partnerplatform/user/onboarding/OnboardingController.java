package com.partnerplatform.user.onboarding;

import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Onboarding", description = "E-mail verification and the progress of a new account's onboarding")
class OnboardingController {

  private final OnboardingService onboarding;

  OnboardingController(OnboardingService onboarding) {
    this.onboarding = onboarding;
  }

  @GetMapping("/api/users/me/onboarding")
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "The caller's onboarding",
      description = "Steps done, the current step and its deadline, and the account status, from the "
          + "onboarding workflow onboarding-{userId}; also after it has ended.")
  @ApiResponse(responseCode = "200", description = "The progress")
  @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
  @ApiResponse(responseCode = "404", description = "ONBOARDING_NOT_FOUND: the account never had an onboarding "
      + "(e.g. created by an administrator)")
  public OnboardingProgress progress(@AuthenticationPrincipal Jwt token) {
    return onboarding.progress(Caller.userId(token));
  }

  @GetMapping("/api/auth/verify-email")
  @Operation(summary = "Verify an e-mail address",
      description = "The link from a welcome or reminder e-mail. Each link works once and expires "
          + "(platform.onboarding.verification-token-lifetime); a newer link requested with "
          + "resend-verification replaces the earlier ones. Makes the account active.")
  @ApiResponse(responseCode = "200", description = "Verified; the account's status")
  @ApiResponse(responseCode = "400", description = "VERIFICATION_TOKEN_MISSING")
  @ApiResponse(responseCode = "410", description = "VERIFICATION_LINK_GONE: used, replaced, expired or unknown")
  public VerificationResult verifyEmail(
      @Parameter(description = "The token from the link") @RequestParam(required = false) String token) {
    if (!StringUtils.hasText(token)) {
      throw ApiException.badRequest("VERIFICATION_TOKEN_MISSING", "The link has no token; use the whole link from the e-mail.");
    }
    return new VerificationResult(onboarding.verifyEmail(token).value());
  }

  @PostMapping("/api/auth/resend-verification")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Send a new verification link",
      description = "The running onboarding sends a new link and the earlier ones stop working; when "
          + "onboarding has ended (unverified or failed) a fresh one starts and sends the link.")
  @ApiResponse(responseCode = "202", description = "A new link is on its way")
  @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
  @ApiResponse(responseCode = "403", description = "ACCOUNT_DISABLED")
  @ApiResponse(responseCode = "409", description = "ALREADY_VERIFIED")
  public ResendAccepted resendVerification(@AuthenticationPrincipal Jwt token) {
    return new ResendAccepted(onboarding.resendVerification(Caller.userId(token)));
  }

  record VerificationResult(String status) {}

  record ResendAccepted(String workflowId) {}
}

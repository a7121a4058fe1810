package com.partnerplatform.user;

import com.partnerplatform.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "Authentication", description = "Registration, login and rotating refresh tokens")
class AuthController {

  private final UserService userService;
  private final AuthService authService;

  AuthController(UserService userService, AuthService authService) {
    this.userService = userService;
    this.authService = authService;
  }

  @PostMapping("/register")
  @Operation(summary = "Create an account",
      description = "Creates an account with the USER role in status onboarding and starts its "
          + "onboarding, which e-mails a verification link. E-mail addresses are case-insensitive.")
  @ApiResponse(responseCode = "201", description = "Created; Location names the new user")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, listing every invalid field")
  @ApiResponse(responseCode = "409", description = "EMAIL_TAKEN")
  public ResponseEntity<RegisteredUser> register(@Valid @RequestBody RegisterRequest request) {
    UserAccount user = userService.register(request.email(), request.password(), request.name());
    return ResponseEntity
        .created(ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/users/{id}").buildAndExpand(user.id()).toUri())
        .body(new RegisteredUser(user.id(), user.email(), user.name(), user.roleNames(),
            user.status().value()));
  }

  @PostMapping("/login")
  @Operation(summary = "Log in",
      description = "Returns a short-lived access token and a single-use refresh token. The refresh "
          + "tokens rotated from one login expire together, platform.security.refresh-token-ttl "
          + "after it. Repeated failures for one account or from one client address are throttled.")
  @ApiResponse(responseCode = "200", description = "Logged in")
  @ApiResponse(responseCode = "401", description = "INVALID_CREDENTIALS (unknown e-mail or wrong password alike)")
  @ApiResponse(responseCode = "403", description = "ACCOUNT_DISABLED")
  @ApiResponse(responseCode = "429", description = "TOO_MANY_ATTEMPTS; Retry-After gives the seconds to wait")
  public TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
    // The container's remote address; it reflects X-Forwarded-For only when Spring's
    // forward-headers strategy is configured for a trusted proxy.
    return authService.login(request.email(), request.password(), http.getRemoteAddr());
  }

  @PostMapping("/refresh")
  @Operation(summary = "Exchange a refresh token for a new pair",
      description = "The presented token stops working. Presenting an already used token revokes "
          + "every token of its login. The new access token carries the user's current roles.")
  @ApiResponse(responseCode = "200", description = "A new token pair")
  @ApiResponse(responseCode = "401", description = "INVALID_REFRESH_TOKEN or REFRESH_TOKEN_REUSED")
  @ApiResponse(responseCode = "403", description = "ACCOUNT_DISABLED")
  public TokenPair refresh(@Valid @RequestBody RefreshTokenRequest request) {
    return authService.refresh(request.refreshToken());
  }

  @PostMapping("/logout")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Log out",
      description = "Revokes the refresh token and every token rotated from the same login. "
          + "Unknown tokens are accepted silently. Access tokens stay valid until they expire.")
  @ApiResponse(responseCode = "204", description = "Logged out")
  public void logout(@Valid @RequestBody RefreshTokenRequest request) {
    authService.logout(request.refreshToken());
  }

  @ExceptionHandler(LoginThrottledException.class)
  ResponseEntity<ProblemDetail> throttled(LoginThrottledException e) {
    long seconds = e.retryAfterSeconds();
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
        .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS",
            "Too many failed login attempts; try again in " + seconds + " seconds."));
  }

  record RegisterRequest(
      @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
      @NotBlank @PasswordPolicy String password,
      @NotBlank @Size(max = 200) String name) {}

  record LoginRequest(@NotBlank String email, @NotBlank String password) {}

  record RefreshTokenRequest(@NotBlank String refreshToken) {}

  record RegisteredUser(UUID id, String email, String name, List<String> roles, String status) {}
}

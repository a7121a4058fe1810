package com.partnerplatform.user;

import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Profiles and, for admins, accounts and roles")
@SecurityRequirement(name = "bearer")
class UserController {

  private final UserService userService;

  UserController(UserService userService) {
    this.userService = userService;
  }

  @GetMapping("/me")
  @Operation(summary = "The caller's account")
  @ApiResponse(responseCode = "200", description = "The account")
  @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
  public UserView me(@AuthenticationPrincipal Jwt token) {
    return UserView.of(userService.get(Caller.userId(token)));
  }

  @PatchMapping("/me")
  @Operation(summary = "Change the caller's name or phone",
      description = "Only the fields present change; an empty phone removes the phone number.")
  @ApiResponse(responseCode = "200", description = "The changed account")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED")
  @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED")
  public UserView updateMe(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileUpdate update) {
    return UserView.of(userService.updateProfile(Caller.userId(token), update.name(), update.phone()));
  }

  @GetMapping
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "List accounts (admin)", description = "Newest first; page counts from 0.")
  @ApiResponse(responseCode = "200", description = "One page of accounts")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page or size")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  public PageView<UserView> list(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    UserService.UserPage result = userService.list(page, size);
    return new PageView<>(result.users().stream().map(UserView::of).toList(),
        result.page(), result.size(), result.total());
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasRole('ADMIN') or #id.toString() == authentication.name")
  @Operation(summary = "One account (admin, or the account's own user)")
  @ApiResponse(responseCode = "200", description = "The account")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN for another user's account")
  @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
  public UserView get(@PathVariable UUID id) {
    return UserView.of(userService.get(id));
  }

  @PutMapping("/{id}/roles")
  @PreAuthorize("hasRole('ADMIN')")
  @Operation(summary = "Replace an account's roles (admin)",
      description = "The user's access tokens carry the new roles from their next refresh.")
  @ApiResponse(responseCode = "200", description = "The changed account")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for no or unknown roles")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  @ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
  public UserView replaceRoles(@PathVariable UUID id, @Valid @RequestBody RolesUpdate update) {
    Set<Role> roles = update.roles().stream()
        .map(Role::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return UserView.of(userService.replaceRoles(id, roles));
  }

  record UserView(UUID id, String email, String name, String phone, List<String> roles,
      String status, Instant createdAt) {

    static UserView of(UserAccount user) {
      return new UserView(user.id(), user.email(), user.name(), user.phone(), user.roleNames(),
          user.status().value(), user.createdAt());
    }
  }


  record ProfileUpdate(
      @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
      @Pattern(regexp = "|\\+?(?=(?:\\D*\\d){6})[0-9 ()-]{6,20}",
          message = "must be a phone number of 6 to 20 digits, spaces, parentheses or dashes, "
              + "optionally starting with +; empty removes it")
      String phone) {}

  record RolesUpdate(
      @NotEmpty
      List<@NotNull @Pattern(regexp = "USER|PARTNER|REVIEWER|ADMIN",
          message = "must be one of USER, PARTNER, REVIEWER, ADMIN") String> roles) {}
}

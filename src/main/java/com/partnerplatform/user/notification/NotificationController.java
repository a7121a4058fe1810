package com.partnerplatform.user.notification;

import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.Problems;
import com.partnerplatform.user.NotificationChannel;
import com.partnerplatform.user.notification.NotificationService.InboxPage;
import com.partnerplatform.user.notification.NotificationService.UnknownUsersException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications", description = "Sending notifications (admin) and each user's in-app inbox")
@SecurityRequirement(name = "bearer")
class NotificationController {

  static final String CHANNEL_PATTERN = "email|in_app|webhook";

  private final NotificationService service;
  private final InboxStream stream;

  NotificationController(NotificationService service, InboxStream stream) {
    this.service = service;
    this.stream = stream;
  }

  @PostMapping
  @PreAuthorize("hasRole('ADMIN')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Send a notification to users (admin)",
      description = "Starts one notification workflow per user; each delivers on the channels asked for"
          + " (default: all) that the user has on, after their quiet hours unless urgent. The same"
          + " dedupKey for the same user is sent once: repeating the request returns the same workflow"
          + " ids. Without a dedupKey every request is a new notification.")
  @ApiResponse(responseCode = "202", description = "The workflows were started (or existed already)")
  @ApiResponse(responseCode = "400",
      description = "VALIDATION_FAILED, UNKNOWN_USERS (with unknownUserIds; nothing is sent) or RESERVED_NOTIFICATION_TYPE")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN without the ADMIN role")
  public SendResponse send(@Valid @RequestBody SendRequest request) {
    return new SendResponse(service.sendToUsers(request.userIds(), request.type(), request.subject(),
        request.message(), request.channelSet(), Boolean.TRUE.equals(request.urgent()), request.dedupKey()));
  }

  @GetMapping
  @Operation(summary = "The caller's in-app notifications", description = "Newest first; page counts from 0.")
  @ApiResponse(responseCode = "200", description = "One page of notifications")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED for a bad page or size")
  public InboxPage inbox(
      @AuthenticationPrincipal Jwt token,
      @RequestParam(defaultValue = "false") boolean unreadOnly,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    return service.inbox(Caller.userId(token), unreadOnly, page, size);
  }

  @PostMapping("/{id}/read")
  @Operation(summary = "Mark one of the caller's notifications read",
      description = "Idempotent: the first read time is kept.")
  @ApiResponse(responseCode = "200", description = "The notification")
  @ApiResponse(responseCode = "404", description = "NOTIFICATION_NOT_FOUND, also for other users' notifications")
  public InboxItemView markRead(@AuthenticationPrincipal Jwt token, @PathVariable long id) {
    return service.markRead(Caller.userId(token), id);
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "The caller's new in-app notifications as Server-Sent Events",
      description = "Each event is named '" + InboxStream.EVENT_NAME + "', has the notification id as its id"
          + " and the notification (as listed by GET /api/notifications) as JSON data. A comment is sent"
          + " on connecting and every 15 s; the server ends the stream after 30 minutes and clients"
          + " reconnect. Send the access token in the Authorization header.")
  @ApiResponse(responseCode = "200", description = "The event stream")
  public SseEmitter stream(@AuthenticationPrincipal Jwt token) {
    return stream.subscribe(Caller.userId(token));
  }

  @ExceptionHandler(UnknownUsersException.class)
  ResponseEntity<ProblemDetail> unknownUsers(UnknownUsersException e) {
    ProblemDetail problem = Problems.of(e.status(), e.code(), e.getMessage());
    problem.setProperty("unknownUserIds", e.unknownUserIds());
    return ResponseEntity.status(e.status()).body(problem);
  }

  record SendRequest(
      @NotEmpty @Size(max = 1000) List<@NotNull UUID> userIds,
      @Schema(example = "announcement", description = "Selects the templates and the users' preferences")
      @NotNull @Pattern(regexp = NotificationTypes.PATTERN,
          message = "must be 1 to 50 lower-case letters, digits or underscores, starting with a letter")
      String type,
      @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\r\\n]*", message = "must be one line") String subject,
      @NotBlank @Size(max = 5000) String message,
      @Schema(description = "email, in_app, webhook; default: every channel the user has on")
      Set<@NotNull @Pattern(regexp = CHANNEL_PATTERN, message = "must be email, in_app or webhook") String> channels,
      @Schema(description = "Deliver during the users' quiet hours") Boolean urgent,
      @Schema(description = "Identifies the notification: the same key for the same user is sent once")
      @Size(min = 1, max = 200) @Pattern(regexp = "[A-Za-z0-9._:-]+",
          message = "must consist of letters, digits, '.', '_', ':' or '-'") String dedupKey) {

    Set<NotificationChannel> channelSet() {
      Set<NotificationChannel> set = EnumSet.noneOf(NotificationChannel.class);
      if (channels != null) {
        channels.forEach(key -> set.add(NotificationChannel.fromKey(key)));
      }
      return set;
    }
  }

  record SendResponse(List<String> workflowIds) {}
}

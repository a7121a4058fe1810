package com.partnerplatform.analytics;

import com.partnerplatform.analytics.ReminderStore.Reminder;
import com.partnerplatform.platform.security.Caller;
import com.partnerplatform.platform.web.PageView;
import com.partnerplatform.user.NotificationChannel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reminders")
@Tag(name = "Reminders", description = "A notification at a chosen time, through the user's channels")
@SecurityRequirement(name = "bearer")
class ReminderController {

  private final ReminderService service;

  ReminderController(ReminderService service) {
    this.service = service;
  }

  @PostMapping
  @Operation(summary = "Set a reminder", description = "Starts reminder-{id}: a durable timer until remindAt, then "
      + "a check that the reminder still holds (a payment reminder whose subscription ended is dropped) and a "
      + "notification (type reminder) on the channels asked for, or the user's. For oneself; an admin may name "
      + "another userId.")
  @ApiResponse(responseCode = "201", description = "The reminder, scheduled")
  @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED, UNKNOWN_REMINDER_TYPE, INVALID_REMIND_AT, "
      + "SUBSCRIPTION_REQUIRED or SUBSCRIPTION_NOT_LIVE")
  @ApiResponse(responseCode = "403", description = "FORBIDDEN: another user's reminder without the ADMIN role")
  public ResponseEntity<ReminderView> create(Authentication authentication, @Valid @RequestBody NewReminder request) {
    Reminder reminder = service.create(Caller.of(authentication), request.type(), request.message(),
        request.remindAt(), request.channels(), request.userId(), request.subscriptionId());
    return ResponseEntity.created(URI.create("/api/reminders/" + reminder.id())).body(ReminderView.of(reminder));
  }

  @GetMapping
  @Operation(summary = "Reminders, soonest first", description = "One's own; an admin sees everyone's.")
  @ApiResponse(responseCode = "200", description = "One page of reminders")
  @ApiResponse(responseCode = "400", description = "INVALID_PAGE")
  public PageView<ReminderView> list(Authentication authentication, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    PageView<Reminder> found = service.page(Caller.of(authentication), page, size);
    return new PageView<>(found.items().stream().map(ReminderView::of).toList(), found.page(), found.size(),
        found.total());
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Cancel a reminder", description = "Its workflow ends without sending.")
  @ApiResponse(responseCode = "200", description = "The reminder, cancelled")
  @ApiResponse(responseCode = "404", description = "REMINDER_NOT_FOUND, also for another user's reminder")
  @ApiResponse(responseCode = "409", description = "REMINDER_NOT_SCHEDULED: sent, dropped or cancelled already")
  public ReminderView cancel(Authentication authentication, @PathVariable UUID id) {
    return ReminderView.of(service.cancel(Caller.of(authentication), id));
  }

  /**
   * @param type general or payment
   * @param channels email, in_app, webhook; none for the user's preferences
   * @param userId the recipient (admins only; default oneself)
   * @param subscriptionId for a payment reminder
   */
  record NewReminder(@NotBlank String type, @NotBlank @Size(max = 2000) String message, @NotNull Instant remindAt,
      Set<NotificationChannel> channels, UUID userId, UUID subscriptionId) {}

  record ReminderView(UUID id, String workflowId, UUID userId, String type, String message, Instant remindAt,
      Set<NotificationChannel> channels, UUID subscriptionId, String status, String statusReason, Instant createdAt) {

    static ReminderView of(Reminder reminder) {
      return new ReminderView(reminder.id(), reminder.workflowId(), reminder.userId(), reminder.type().key(),
          reminder.message(), reminder.remindAt(), reminder.channels(), reminder.subscriptionId(),
          reminder.status().value(), reminder.statusReason(), reminder.createdAt());
    }
  }
}

package com.partnerplatform.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.partnerplatform.platform.temporal.TemporalEngine;
import com.partnerplatform.platform.temporal.TemporalMode;
import com.partnerplatform.platform.web.ApiException;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The schedule endpoints' answers when the engine or the server cannot give them a schedule. */
class ScheduleServiceTest {

  private static final ScheduleProperties PROPERTIES = new ScheduleProperties("UTC", Duration.ofHours(1),
      Map.of("daily-report", "0 8 * * *", "weekly-cleanup", "0 2 * * 0", "subscriptions-reconcile", "0 * * * *",
          "listings-reconcile", "0 0 * * *", "payments-reconcile", "0 * * * *"));

  private final ScheduleClient schedules = mock(ScheduleClient.class);

  @Test
  void theInMemoryEngineHasNoSchedules() {
    ScheduleService service = service(TemporalMode.IN_MEMORY);

    ApiException refused = catchThrowableOfType(ApiException.class, service::list);

    assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.code()).isEqualTo("SCHEDULES_UNAVAILABLE");
    assertThat(catchThrowableOfType(ApiException.class, () -> service.trigger("daily-report")).code())
        .isEqualTo("SCHEDULES_UNAVAILABLE");
    verifyNoInteractions(schedules);
  }

  @Test
  void aScheduleTheServerLacksIsListedAsNotCreatedAndCannotBeSteered() {
    ScheduleHandle handle = mock(ScheduleHandle.class);
    when(schedules.getHandle(anyString())).thenReturn(handle);
    when(handle.describe()).thenThrow(new ScheduleException(Status.NOT_FOUND.asRuntimeException()));
    ScheduleService service = service(TemporalMode.EXTERNAL);

    assertThat(service.list()).hasSize(5).allSatisfy(view -> {
      assertThat(view.created()).isFalse();
      assertThat(view.note()).contains("not created yet");
    });
    doThrow(new ScheduleException(Status.NOT_FOUND.asRuntimeException())).when(handle).pause(
        anyString());
    ApiException missing = catchThrowableOfType(ApiException.class, () -> service.pause("daily-report"));
    assertThat(missing.status()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.code()).isEqualTo("SCHEDULE_NOT_FOUND");
  }

  @Test
  void anUnknownScheduleIsNotFound() {
    ApiException unknown = catchThrowableOfType(ApiException.class,
        () -> service(TemporalMode.EXTERNAL).unpause("nightly"));

    assertThat(unknown.code()).isEqualTo("SCHEDULE_NOT_FOUND");
    verifyNoInteractions(schedules);
  }

  private ScheduleService service(TemporalMode mode) {
    return new ScheduleService(schedules, mock(WorkflowClient.class),
        new TemporalEngine(mode, "127.0.0.1:7233", "default", null), PROPERTIES);
  }
}

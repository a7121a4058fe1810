package com.partnerplatform.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.temporal.DomainWorkers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** {@code platform.role=worker}: workers and the actuator, no business API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "platform.role=worker")
@ActiveProfiles("it")
class WorkerRoleIT {

  @LocalServerPort
  int port;
  @Autowired
  ObjectProvider<DomainWorkers> workers;

  @Test
  void servesOnlyTheActuatorAndRunsWorkers() {
    TestHttp http = new TestHttp(port);

    HttpResponse<String> api = http.sendJson("POST", "/api/auth/login",
        "{\"email\":\"someone@example.com\",\"password\":\"0123456789\"}");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(api).path("code").asString()).isEqualTo("WORKER_ONLY");
    assertThat(http.get("/v3/api-docs").statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(workers.getIfAvailable()).isNotNull();
    assertThat(workers.getObject().isRunning()).isTrue();
  }
}

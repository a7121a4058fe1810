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

/** {@code platform.role=api}: the business API without workers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "platform.role=api")
@ActiveProfiles("it")
class ApiRoleIT {

  @LocalServerPort
  int port;
  @Autowired
  ObjectProvider<DomainWorkers> workers;

  @Test
  void servesTheApiWithoutWorkers() {
    TestHttp http = new TestHttp(port);

    HttpResponse<String> login = http.sendJson("POST", "/api/auth/login",
        "{\"email\":\"nobody-" + port + "@example.com\",\"password\":\"0123456789\"}");
    assertThat(login.statusCode()).isEqualTo(401);
    assertThat(workers.getIfAvailable()).isNull();
  }
}

package com.partnerplatform.platform.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestAccounts;
import com.partnerplatform.platform.TestAccounts.Account;
import com.partnerplatform.platform.TestHttp;
import com.partnerplatform.user.NotificationRequest;
import com.partnerplatform.user.NotificationResult;
import com.partnerplatform.user.Notifications;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With a key configured, what the Temporal server stores holds no e-mail address: a notification
 * carrying one runs on the real dev server and its raw history is read back from the server. Only
 * the codec endpoint turns the history back into plaintext, for admins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + PayloadEncryptionIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + PayloadEncryptionIT.ADMIN_PASSWORD,
    "platform.temporal.encryption.key-id=it2",
    "platform.temporal.encryption.keys.it1=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
    "platform.temporal.encryption.keys.it2=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=",
    "platform.temporal.encryption.codec-cors-origins=http://127.0.0.1:8233"})
@ActiveProfiles("it")
class PayloadEncryptionIT {

  static final String ADMIN_EMAIL = "encryption-it-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "admin-password-for-encryption-its";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;
  @Autowired
  WorkflowClient client;
  @Autowired
  Notifications notifications;

  @Test
  void theServerStoresNoEmailAddressAndTheCodecEndpointDecodesForAdmins() throws Exception {
    Assumptions.assumeTrue("external".equals(System.getenv("PLATFORM_IT_TEMPORAL_MODE")),
        "SKIPPED: needs the real Temporal dev server (PLATFORM_IT_TEMPORAL_MODE=external)");
    TestHttp http = new TestHttp(port);
    TestAccounts accounts = new TestAccounts(http, ADMIN_EMAIL, ADMIN_PASSWORD);
    Account user = accounts.create("encrypted");
    String id = notifications.send(new NotificationRequest(user.id(), "announcement", "Your address",
        "We write to " + user.email(), Map.of("email", user.email()), null, true, "encryption-it"));
    client.newUntypedWorkflowStub(id).getResult(60, TimeUnit.SECONDS, NotificationResult.class);

    History history = client.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
            .build()).getHistory();
    String raw = history.toByteString().toString(StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain(user.email()).doesNotContain(user.email().split("@")[0]);

    Payload input = history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertThat(input.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(input.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("it2");

    String body = JSON.writeValueAsString(Map.of("payloads", List.of(Map.of(
        "metadata", Map.of(
            "encoding", base64(input.getMetadataOrThrow("encoding").toByteArray()),
            "encryption-key-id", base64(input.getMetadataOrThrow("encryption-key-id").toByteArray())),
        "data", base64(input.getData().toByteArray())))));
    HttpResponse<String> decoded = http.sendJson("POST", "/api/temporal/codec/decode", body,
        accounts.admin().auth());
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    JsonNode payload = TestHttp.json(decoded).get("payloads").get(0);
    assertThat(new String(Base64.getDecoder().decode(payload.get("data").asString()), StandardCharsets.UTF_8))
        .contains(user.email());

    HttpResponse<String> refused = http.sendJson("POST", "/api/temporal/codec/decode", body, user.auth());
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void theWebUiOriginMayCallTheCodecEndpoint() {
    HttpResponse<String> preflight = new TestHttp(port).send("OPTIONS", "/api/temporal/codec/decode",
        "Origin", "http://127.0.0.1:8233", "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "authorization,content-type,x-namespace");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:8233");

    HttpResponse<String> other = new TestHttp(port).send("OPTIONS", "/api/temporal/codec/decode",
        "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

package com.partnerplatform.user.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.partnerplatform.platform.TestHttp;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Onboarding over HTTP, as a new user and an administrator see it: the welcome e-mail arrives
 * through SMTP in the embedded mailbox, its link verifies the address once, resend replaces links.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "platform.security.admin-email=" + OnboardingApiIT.ADMIN_EMAIL,
    "platform.security.admin-password=" + OnboardingApiIT.ADMIN_PASSWORD})
@ActiveProfiles("it")
class OnboardingApiIT {

  static final String ADMIN_EMAIL = "onboarding-admin@partner-platform.test";
  static final String ADMIN_PASSWORD = "onboarding-admin-password-for-its";
  private static final String PASSWORD = "correct horse battery";
  private static final Pattern VERIFICATION_LINK =
      Pattern.compile("https?://\\S+?(/api/auth/verify-email\\?token=[A-Za-z0-9_-]+)");
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

  @LocalServerPort
  int port;
  @Autowired
  WorkflowClient workflowClient;
  @Autowired
  VerificationTokenStore tokens;

  private TestHttp http;
  private String adminToken;

  @BeforeEach
  void signInAsAdmin() {
    http = new TestHttp(port);
    adminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @Test
  void theLinkInTheWelcomeMailActivatesTheAccountOnce() throws Exception {
    String email = uniqueEmail();
    HttpResponse<String> registered = register(email);
    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(TestHttp.json(registered).get("status").asString()).isEqualTo("onboarding");
    String userId = TestHttp.json(registered).get("id").asString();
    String token = login(email, PASSWORD);

    JsonNode waiting = await("onboarding waits for verification", () -> progress(token)
        .filter(progress -> "email_verification".equals(progress.get("currentStep").asString(null))));
    assertThat(strings(waiting.get("stepsDone"))).containsExactly("welcome_email", "in_app_welcome");
    assertThat(waiting.get("status").asString()).isEqualTo("onboarding");
    assertThat(Instant.parse(waiting.get("currentStepDeadline").asString()))
        .isAfter(Instant.now().plus(Duration.ofDays(6)));
    String link = await("the welcome mail", () -> linksMailedTo(email).stream().findFirst());
    assertThat(mailsTo(email)).hasSize(1);

    HttpResponse<String> verified = http.get(link);
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(verified).get("status").asString()).isEqualTo("active");
    assertThat(TestHttp.json(http.get("/api/users/me", bearer(token))).get("status").asString()).isEqualTo("active");

    assertThat(WorkflowStub.fromTyped(workflowClient.newWorkflowStub(OnboardingWorkflow.class, "onboarding-" + userId))
        .getResult(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS, String.class)).isEqualTo("active");
    JsonNode done = progress(token).orElseThrow();
    assertThat(strings(done.get("stepsDone"))).endsWith("email_verification", "email_verified", "completion_email");
    assertThat(done.get("currentStep").isNull()).isTrue();
    assertThat(done.get("status").asString()).isEqualTo("active");
    // The completion mail carries no link.
    List<JsonNode> mails = await("the completion mail", () -> Optional.of(mailsTo(email)).filter(all -> all.size() == 2));
    assertThat(mails.get(1).get("text").asString()).doesNotContain("/api/auth/verify-email");

    HttpResponse<String> again = http.get(link);
    assertThat(again.statusCode()).isEqualTo(410);
    assertThat(TestHttp.json(again).get("code").asString()).isEqualTo("VERIFICATION_LINK_GONE");
    HttpResponse<String> resend = http.sendJson("POST", "/api/auth/resend-verification", "", bearer(token));
    assertThat(resend.statusCode()).isEqualTo(409);
    assertThat(TestHttp.json(resend).get("code").asString()).isEqualTo("ALREADY_VERIFIED");
  }

  @Test
  void resendMailsANewLinkAndTheEarlierOneStopsWorking() {
    String email = uniqueEmail();
    register(email);
    String token = login(email, PASSWORD);
    String first = await("the welcome mail", () -> linksMailedTo(email).stream().findFirst());

    HttpResponse<String> resend = http.sendJson("POST", "/api/auth/resend-verification", "", bearer(token));

    assertThat(resend.statusCode()).isEqualTo(202);
    String second = await("the second link", () -> linksMailedTo(email).stream().skip(1).findFirst());
    assertThat(second).isNotEqualTo(first);
    assertThat(http.get(first).statusCode()).isEqualTo(410);
    assertThat(http.get(second).statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(http.get("/api/users/me", bearer(token))).get("status").asString()).isEqualTo("active");
  }

  /** An account whose onboarding has ended (here: terminated) gets a fresh run on resend. */
  @Test
  void resendAfterOnboardingEndedStartsAFreshRun() throws Exception {
    String email = uniqueEmail();
    String userId = TestHttp.json(register(email)).get("id").asString();
    String token = login(email, PASSWORD);
    await("the welcome mail", () -> linksMailedTo(email).stream().findFirst());
    WorkflowStub ended = workflowClient.newUntypedWorkflowStub("onboarding-" + userId);
    String endedRun = ended.getExecution().getRunId();
    ended.terminate("test: onboarding ended");

    assertThat(http.sendJson("POST", "/api/auth/resend-verification", "", bearer(token)).statusCode()).isEqualTo(202);

    String link = await("the link of the fresh run", () -> linksMailedTo(email).stream().skip(1).findFirst());
    String freshRun = workflowClient.newUntypedWorkflowStub("onboarding-" + userId).describe().getExecution().getRunId();
    assertThat(freshRun).isNotEqualTo(endedRun);
    // The mail leaves from a child workflow; the fresh run records the step once the child reports.
    await("the fresh run records its link", () -> progress(token)
        .filter(progress -> strings(progress.get("stepsDone")).equals(List.of("verification_email"))));
    assertThat(http.get(link).statusCode()).isEqualTo(200);
    assertThat(WorkflowStub.fromTyped(workflowClient.newWorkflowStub(OnboardingWorkflow.class, "onboarding-" + userId))
        .getResult(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS, String.class)).isEqualTo("active");
  }

  @Test
  void missingUnknownAndExpiredTokensAreRefused() {
    HttpResponse<String> missing = http.get("/api/auth/verify-email");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(TestHttp.json(missing).get("code").asString()).isEqualTo("VERIFICATION_TOKEN_MISSING");

    HttpResponse<String> unknown = http.get("/api/auth/verify-email?token=no-such-token");
    assertThat(unknown.statusCode()).isEqualTo(410);
    assertThat(TestHttp.json(unknown).get("code").asString()).isEqualTo("VERIFICATION_LINK_GONE");

    String email = uniqueEmail();
    UUID userId = UUID.fromString(TestHttp.json(register(email)).get("id").asString());
    Instant issued = Instant.now().minus(Duration.ofDays(8));
    tokens.insert("expired-token-" + userId, userId, "onboarding-" + userId, "a-run", issued, issued.plus(Duration.ofDays(7)));
    HttpResponse<String> expired = http.get("/api/auth/verify-email?token=expired-token-" + userId);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(TestHttp.json(http.get("/api/users/me", bearer(login(email, PASSWORD)))).get("status").asString())
        .isEqualTo("onboarding");
  }

  @Test
  void anAccountWithoutOnboardingHasNoProgress() {
    HttpResponse<String> response = http.get("/api/users/me/onboarding", bearer(adminToken));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(TestHttp.json(response).get("code").asString()).isEqualTo("ONBOARDING_NOT_FOUND");
  }

  @Test
  void resendNeedsALoggedInUser() {
    HttpResponse<String> response = http.sendJson("POST", "/api/auth/resend-verification", "");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  private Optional<JsonNode> progress(String token) {
    HttpResponse<String> response = http.get("/api/users/me/onboarding", bearer(token));
    return response.statusCode() == 200 ? Optional.of(TestHttp.json(response)) : Optional.empty();
  }

  private List<JsonNode> mailsTo(String email) {
    HttpResponse<String> response = http.get("/api/dev/mailbox", bearer(adminToken));
    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> mails = new ArrayList<>();
    TestHttp.json(response).forEach(mail -> {
      if (strings(mail.get("to")).contains(email)) {
        mails.add(mail);
      }
    });
    return mails;
  }

  /** The path and query of every verification link mailed to the address, oldest first. */
  private List<String> linksMailedTo(String email) {
    List<String> links = new ArrayList<>();
    for (JsonNode mail : mailsTo(email)) {
      Matcher matcher = VERIFICATION_LINK.matcher(mail.get("text").asString(""));
      while (matcher.find()) {
        links.add(URI.create(matcher.group()).getRawPath() + "?" + URI.create(matcher.group()).getRawQuery());
      }
    }
    return links.stream().distinct().toList();
  }

  private static <T> T await(String what, Supplier<Optional<T>> probe) {
    Instant giveUp = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (Instant.now().isAfter(giveUp)) {
        throw new AssertionError("Gave up waiting for " + what + " after " + SETTLE_TIMEOUT.toSeconds() + " s");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private HttpResponse<String> register(String email) {
    return http.sendJson("POST", "/api/auth/register",
        "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Grace Hopper\"}");
  }

  private String login(String email, String password) {
    HttpResponse<String> response = http.sendJson("POST", "/api/auth/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    assertThat(response.statusCode()).as("login of %s", email).isEqualTo(200);
    return TestHttp.json(response).get("accessToken").asString();
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static String uniqueEmail() {
    return "onboarding-" + UUID.randomUUID() + "@partner-platform.test";
  }
}

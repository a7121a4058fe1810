package com.partnerplatform.operations.dashboard;

import com.partnerplatform.operations.WorkflowOperations;
import com.partnerplatform.platform.temporal.TemporalEngine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The domains' pages: review queue, orders, subscriptions, schedules, reports and the captured
 * mailbox. They read and act through the HTTP API as the signed-in user; a page whose API this
 * deployment lacks (no analytics, no embedded mail server) says it is not available.
 */
@Controller
@RequestMapping("/dashboard")
class DomainPagesController {

  private static final ParameterizedTypeReference<Object> ANY = new ParameterizedTypeReference<>() {};

  private final DashboardApi api;
  private final WorkflowOperations operations;
  private final TemporalEngine engine;

  DomainPagesController(DashboardApi api, WorkflowOperations operations, TemporalEngine engine) {
    this.api = api;
    this.operations = operations;
    this.engine = engine;
  }

  @GetMapping("/login")
  String login() {
    return "dashboard/login";
  }

  @GetMapping("/reviews")
  String reviews(Authentication user, @RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("reviews", api.get(user, "/api/reviews/pending?page={page}&size=20", page));
    return "dashboard/reviews";
  }

  @PostMapping("/reviews/{listingId}/{decision:approve|reject}")
  String decide(Authentication user, @PathVariable UUID listingId, @PathVariable String decision,
      @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
    try {
      Map<String, Object> listing = api.post(user, comment.isBlank() ? null : Map.of("comment", comment),
          "/api/listings/{id}/" + decision, listingId);
      redirect.addFlashAttribute("notice", "\"" + listing.get("title") + "\" is " + listing.get("status") + ".");
      redirect.addFlashAttribute("decidedWorkflow", listing.get("approvalWorkflowId"));
    } catch (DashboardApi.Refusal e) {
      redirect.addFlashAttribute("problem", e.code() + ": " + e.getMessage());
    }
    return "redirect:/dashboard/reviews";
  }

  @GetMapping("/orders")
  String orders(Authentication user, @RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("orders", api.get(user, "/api/orders?page={page}&size=25", page));
    return "dashboard/orders";
  }

  @GetMapping("/orders/{orderId}")
  String order(Authentication user, @PathVariable UUID orderId, Model model) {
    model.addAttribute("order", api.get(user, "/api/orders/{id}", orderId));
    return "dashboard/order";
  }

  @PostMapping("/orders/{orderId}/refund")
  String refund(Authentication user, @PathVariable UUID orderId, RedirectAttributes redirect) {
    try {
      api.post(user, null, "/api/orders/{id}/refund", orderId);
      redirect.addFlashAttribute("notice", "Refund started.");
    } catch (DashboardApi.Refusal e) {
      redirect.addFlashAttribute("problem", e.code() + ": " + e.getMessage());
    }
    return "redirect:/dashboard/orders/" + orderId;
  }

  @GetMapping("/subscriptions")
  String subscriptions(Authentication user, @RequestParam(required = false) UUID id, Model model) {
    model.addAttribute("serverFeatures", engine.supportsServerFeatures());
    if (engine.supportsServerFeatures()) {
      model.addAttribute("executions",
          operations.list("WorkflowType = 'SubscriptionWorkflow'", 50, null).items());
    }
    if (id != null) {
      model.addAttribute("subscription", api.get(user, "/api/subscriptions/{id}", id));
    }
    return "dashboard/subscriptions";
  }

  @GetMapping("/mailbox")
  String mailbox(Authentication user, Model model) {
    return generic(user, model, "Captured mailbox", "mailbox", "/api/dev/mailbox",
        "The embedded mail server is not running: mail goes to a real SMTP relay.");
  }

  @GetMapping("/schedules")
  String schedules(Authentication user, Model model) {
    generic(user, model, "Schedules", "schedules", "/api/admin/schedules",
        "Schedules are not available in this deployment (no analytics schedules, or the in-memory engine).");
    return "dashboard/schedules";
  }

  @PostMapping("/schedules/{id}/{action:trigger|pause|unpause}")
  String schedule(Authentication user, @PathVariable String id, @PathVariable String action,
      RedirectAttributes redirect) {
    try {
      api.post(user, null, "/api/admin/schedules/{id}/" + action, id);
      redirect.addFlashAttribute("notice", "Schedule " + id + ": " + action + " done.");
    } catch (DashboardApi.Refusal e) {
      redirect.addFlashAttribute("problem", e.code() + ": " + e.getMessage());
    }
    return "redirect:/dashboard/schedules";
  }

  @GetMapping("/reports")
  String reports(Authentication user, Model model) {
    return generic(user, model, "Reports", "reports", "/api/admin/reports",
        "Reports are not available in this deployment.");
  }

  @GetMapping("/reports/{id}/download")
  ResponseEntity<byte[]> report(Authentication user, @PathVariable String id,
      @RequestParam(defaultValue = "pdf") String format) {
    ResponseEntity<byte[]> file = api.download(user, "/api/admin/reports/{id}/download?format={format}", id, format);
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(file.getHeaders());
    headers.remove(HttpHeaders.TRANSFER_ENCODING);
    return new ResponseEntity<>(file.getBody(), headers, file.getStatusCode());
  }

  /** A page listing whatever an API answers as rows of a table, or why it cannot. */
  private String generic(Authentication user, Model model, String title, String page, String path,
      String unavailable) {
    model.addAttribute("title", title);
    model.addAttribute("page", page);
    try {
      List<Map<?, ?>> rows = rows(api.get(user, ANY, path));
      Set<Object> columns = new LinkedHashSet<>();
      rows.forEach(row -> columns.addAll(row.keySet()));
      model.addAttribute("rows", rows);
      model.addAttribute("columns", columns);
    } catch (DashboardApi.Refusal e) {
      boolean absent = e.status().isSameCodeAs(HttpStatus.NOT_FOUND) || e.status().isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE);
      model.addAttribute("unavailable", absent ? unavailable : e.code() + ": " + e.getMessage());
    }
    return "dashboard/generic";
  }

  /** A list, or a page of {@code items}, of JSON objects. */
  private static List<Map<?, ?>> rows(Object body) {
    Object items = body instanceof Map<?, ?> page && page.get("items") instanceof List<?> list ? list : body;
    List<Map<?, ?>> rows = new ArrayList<>();
    if (items instanceof List<?> list) {
      list.stream().filter(Map.class::isInstance).map(row -> (Map<?, ?>) row).forEach(rows::add);
    }
    return rows;
  }
}

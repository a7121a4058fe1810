import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of scripts/bench.sh, run as a single-file program (JDK only, Java 17):
 *
 * <pre>
 * java scripts/bench/Bench.java load --base URL --pid PID --admin-email E --admin-password P
 *      --temporal-cli PATH --temporal-address HOST:PORT --out FILE [--quick]
 * java scripts/bench/Bench.java report --load FILE --out FILE --startup-in-memory S,S,S
 *      --startup-dev-server S,S,S [--startup-in-memory-plain-jar S,S,S] --machine TEXT --mode quick|full
 * </pre>
 *
 * Every request goes to the public HTTP API. Each figure is measured in at least three repetitions;
 * the report gives median, min and max of them.
 */
public class Bench {

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final String CARD = "4242424242424242";
  static final String DESCRIPTION = "A bright two-bedroom apartment on the third floor with a balcony over the "
      + "river, a renovated kitchen, oak floors, fast fibre internet and a shared garden.";

  /** How much each scenario does; --quick keeps the whole run under five minutes on two cores. */
  record Sizes(int[] concurrencies, Duration sweepPoint, Duration repetition, int paysPerRepetition,
      int openWorkflows, Duration openWait, int approvalsPerRepetition) {

    static Sizes of(boolean quick) {
      return quick
          ? new Sizes(new int[] {8, 32}, Duration.ofSeconds(3), Duration.ofSeconds(4), 64, 2_000,
              Duration.ofMinutes(5), 100)
          : new Sizes(new int[] {4, 16, 32, 64}, Duration.ofSeconds(8), Duration.ofSeconds(15), 1_000, 10_000,
              Duration.ofMinutes(15), 1_000);
    }
  }

  static final int REPETITIONS = 3;
  static final int PAY_CLIENTS = 64;
  static final int SETUP_CLIENTS = 16;
  static final int REVIEW_CLIENTS = 16;
  static final Duration PAY_DRAIN_LIMIT = Duration.ofSeconds(60);

  public static void main(String[] args) throws Exception {
    // Drop idle connections before Tomcat closes them (its keep-alive timeout), so that no
    // request is written to a connection the server is closing.
    System.setProperty("jdk.httpclient.keepalive.timeout", "5");
    Map<String, String> options = options(args);
    switch (args.length == 0 ? "" : args[0]) {
      case "load" -> new Load(options).run();
      case "report" -> report(options);
      default -> {
        System.err.println("usage: Bench load ... | Bench report ... (see the class comment)");
        System.exit(2);
      }
    }
  }

  // --- Load -----------------------------------------------------------------------------------------

  static final class Load {

    private final Api api;
    private final long appPid;
    private final Sizes sizes;
    private final String temporalCli;
    private final String temporalAddress;
    private final Path out;
    private final List<String> scenarios;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final AtomicInteger updateFailures = new AtomicInteger();
    private String admin;
    private String buyer;
    private String partner;
    private String reviewer;
    private String sku;

    Load(Map<String, String> options) {
      this.api = new Api(required(options, "base"));
      this.appPid = Long.parseLong(required(options, "pid"));
      Sizes preset = Sizes.of(options.containsKey("quick"));
      // Smaller trial sizes while tuning; bench.sh uses the presets.
      this.sizes = new Sizes(preset.concurrencies(), preset.sweepPoint(), preset.repetition(),
          Integer.parseInt(options.getOrDefault("pays", String.valueOf(preset.paysPerRepetition()))),
          Integer.parseInt(options.getOrDefault("open-workflows", String.valueOf(preset.openWorkflows()))),
          preset.openWait(),
          Integer.parseInt(options.getOrDefault("approvals", String.valueOf(preset.approvalsPerRepetition()))));
      this.temporalCli = required(options, "temporal-cli");
      this.temporalAddress = required(options, "temporal-address");
      this.out = Path.of(required(options, "out"));
      // For trying one scenario while tuning; bench.sh runs them all.
      this.scenarios = List.of(options.getOrDefault("scenarios", "canary,saga,pay,open").split(","));
      this.admin = api.login(required(options, "admin-email"), required(options, "admin-password"));
    }

    void run() throws Exception {
      setUp();
      if (scenarios.contains("canary")) {
        canary();
      }
      if (scenarios.contains("saga")) {
        saga();
      }
      // The pays leave a backlog of sagas behind them, so they come last.
      if (scenarios.contains("open")) {
        openWorkflows();
      }
      if (scenarios.contains("pay")) {
        pay();
      }
      Files.writeString(out, Json.write(Map.of("samples", samples, "notes", notes)));
    }

    private void setUp() {
      buyer = api.account(admin, "buyer", "USER");
      partner = api.account(admin, "partner", "USER", "PARTNER");
      reviewer = api.account(admin, "reviewer", "USER", "REVIEWER");
      sku = "bench-" + UUID.randomUUID().toString().substring(0, 8);
      api.expect(201, "POST", "/api/products", admin, Map.of("sku", sku, "name", "Benchmark item",
          "price", 10, "currency", "USD", "stock", 100_000_000));
    }

    /** Completed canary workflows (four per request, one per domain queue) per second. */
    private void canary() {
      Closed loop = concurrency -> () -> {
        // 503 (same body) when a queue timed out: its workflow is simply not counted.
        Map<?, ?> body = (Map<?, ?>) api.expect(List.of(200, 503), "POST", "/api/workflows/canary", admin, null);
        return (int) ((List<?>) body.get("queues")).stream()
            .filter(q -> "ok".equals(((Map<?, ?>) q).get("status"))).count();
      };
      int best = sweep("canary", loop);
      notes.put("canary_concurrency", String.valueOf(best));
      for (int rep = 0; rep < REPETITIONS; rep++) {
        LoopResult result = loop.run(best, sizes.repetition());
        add("canary_wps", result.perSecond());
        log("canary", "repetition %d at %d clients: %.1f workflows/s", rep + 1, best, result.perSecond());
      }
    }

    /** Orders created and paid by closed-loop clients; a saga completes when the order reads paid. */
    private void saga() throws Exception {
      try (OrderWatcher watcher = new OrderWatcher(api, admin)) {
        Closed latencies = concurrency -> () -> {
          String order = createOrder();
          long began = System.nanoTime();
          api.expect(202, "POST", "/api/orders/" + order + "/pay", buyer, payment());
          String status = watcher.await(order, buyer);
          if (!"paid".equals(status)) {
            throw new IllegalStateException("Order " + order + " ended " + status);
          }
          return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        };
        Closed loop = latencies.countingOnes();
        int best = sweep("saga", loop);
        notes.put("saga_concurrency", String.valueOf(best));
        List<Double> canary = samples.get("canary_wps");
        for (int rep = 0; rep < REPETITIONS; rep++) {
          LoopResult result = loop.run(best, sizes.repetition());
          add("saga_wps", result.completed() / result.seconds());
          add("saga_ratio", result.completed() / result.seconds() / canary.get(rep));
          add("saga_p50_ms", percentile(result.values(), 50));
          add("saga_p99_ms", percentile(result.values(), 99));
          log("saga", "repetition %d at %d clients: %.1f sagas/s, pay->paid p50 %.0f ms p99 %.0f ms", rep + 1,
              best, result.completed() / result.seconds(), percentile(result.values(), 50),
              percentile(result.values(), 99));
        }
      }
    }

    /** POST /api/orders/{id}/pay alone, 64 clients, orders created beforehand. */
    private void pay() throws Exception {
      for (int rep = 0; rep < REPETITIONS; rep++) {
        List<String> orders = parallel(SETUP_CLIENTS, sizes.paysPerRepetition(), i -> createOrder());
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(orders);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        parallel(PAY_CLIENTS, PAY_CLIENTS, client -> {
          for (String order = queue.poll(); order != null; order = queue.poll()) {
            long began = System.nanoTime();
            api.expect(202, "POST", "/api/orders/" + order + "/pay", buyer, payment());
            latencies.add((System.nanoTime() - began) / 1e6);
          }
          return null;
        });
        add("pay_p50_ms", percentile(latencies, 50));
        add("pay_p99_ms", percentile(latencies, 99));
        log("pay", "repetition %d: %d pays at %d clients, p50 %.1f ms p99 %.1f ms", rep + 1, latencies.size(),
            PAY_CLIENTS, percentile(latencies, 50), percentile(latencies, 99));
        if (rep < REPETITIONS - 1) {
          awaitPaid(orders, rep);
        }
      }
    }

    /** Approval workflows waiting for a reviewer: heap and RSS they cost, then decisions on them. */
    private void openWorkflows() throws Exception {
      List<Heap> before = measureHeap();
      int target = sizes.openWorkflows();
      long already = countOpenApprovals();
      long began = System.nanoTime();
      List<String> listings = parallel(SETUP_CLIENTS, target, i -> {
        Map<?, ?> created = (Map<?, ?>) api.expect(201, "POST", "/api/listings", partner, listing(i));
        String id = (String) created.get("id");
        api.expect(202, "POST", "/api/listings/" + id + "/submit", partner, null);
        return id;
      });
      long open = awaitOpenApprovals(already + target) - already;
      log("open", "%d listings submitted, %d approval workflows open after %.0f s", listings.size(), open,
          (System.nanoTime() - began) / 1e9);
      List<Heap> after = measureHeap();
      for (int rep = 0; rep < REPETITIONS; rep++) {
        add("open_workflows", countOpenApprovals() - already);
        double grownMb = after.get(rep).usedMb() - before.get(rep).usedMb();
        add("heap_mb_per_1k_open", grownMb / (open / 1000.0));
        add("heap_mb_after_gc_open", after.get(rep).usedMb());
        add("rss_mb_open", after.get(rep).rssMb());
      }
      log("open", "heap after GC %.0f MB -> %.0f MB, RSS %.0f MB -> %.0f MB", before.get(0).usedMb(),
          after.get(0).usedMb(), before.get(0).rssMb(), after.get(0).rssMb());
      // One reviewer alone first: the decision's own path through the engine, nothing queued before it.
      for (int rep = 0; rep < REPETITIONS; rep++) {
        List<Double> latencies = approve(1, Math.max(10, sizes.approvalsPerRepetition() / 5));
        add("update_p50_ms_1_client", percentile(latencies, 50));
        add("update_p99_ms_1_client", percentile(latencies, 99));
        log("approve", "repetition %d: %d approvals at 1 client, p50 %.0f ms p99 %.0f ms", rep + 1,
            latencies.size(), percentile(latencies, 50), percentile(latencies, 99));
      }
      for (int rep = 0; rep < REPETITIONS; rep++) {
        List<Double> latencies = approve(REVIEW_CLIENTS, sizes.approvalsPerRepetition());
        add("update_p99_ms", percentile(latencies, 99));
        add("update_p50_ms", percentile(latencies, 50));
        log("approve", "repetition %d: %d approvals at %d clients, p50 %.0f ms p99 %.0f ms", rep + 1,
            latencies.size(), REVIEW_CLIENTS, percentile(latencies, 50), percentile(latencies, 99));
      }
      notes.put("update_failures", String.valueOf(updateFailures.get()));
    }

    /** Approves count listings of the review queue with that many reviewers at once; their latencies. */
    private List<Double> approve(int clients, int count) {
      // Only listings that wait for a decision: the others are still being validated.
      ConcurrentLinkedQueue<String> undecided = new ConcurrentLinkedQueue<>(waitingForReview(count));
      List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger left = new AtomicInteger(count);
      parallel(clients, clients, client -> {
        for (String id = undecided.poll(); id != null && left.getAndDecrement() > 0; id = undecided.poll()) {
          long start = System.nanoTime();
          try {
            Map<?, ?> decided = (Map<?, ?>) api.expect(200, "POST", "/api/listings/" + id + "/approve",
                reviewer, Map.of("comment", "benchmark"));
            if (!"approved".equals(decided.get("status"))) {
              throw new IllegalStateException("Listing " + id + " is " + decided.get("status"));
            }
          } catch (RuntimeException e) {
            // A failed or timed-out decision counts with the time it took, and is noted.
            updateFailures.incrementAndGet();
            System.err.println("approve: " + e.getMessage());
          }
          latencies.add((System.nanoTime() - start) / 1e6);
        }
        return null;
      });
      return latencies;
    }

    /** Ids of listings in the review queue, oldest first, at least count of them if there are. */
    private List<String> waitingForReview(int count) {
      List<String> ids = new ArrayList<>();
      for (int page = 0; ids.size() < count; page++) {
        Map<?, ?> queue = (Map<?, ?>) api.expect(200, "GET", "/api/reviews/pending?size=100&page=" + page, reviewer,
            null);
        List<?> items = (List<?>) queue.get("items");
        if (items.isEmpty()) {
          break;
        }
        items.forEach(item -> ids.add((String) ((Map<?, ?>) item).get("id")));
      }
      return ids;
    }

    private long awaitOpenApprovals(long target) throws InterruptedException {
      Instant deadline = Instant.now().plus(sizes.openWait());
      long open = countOpenApprovals();
      while (open < target && Instant.now().isBefore(deadline)) {
        Thread.sleep(1000);
        open = countOpenApprovals();
      }
      return open;
    }

    /** Listings in review, as the review queue counts them (each one's approval workflow waits). */
    private long countOpenApprovals() {
      Map<?, ?> page = (Map<?, ?>) api.expect(200, "GET", "/api/reviews/pending?size=1", reviewer, null);
      return ((Number) page.get("total")).longValue();
    }

    /**
     * Lets the sagas the pays started finish before the next repetition, so that each one starts
     * from an idle engine; bounded, and a backlog left over is noted with the figures.
     */
    private void awaitPaid(List<String> orders, int rep) throws Exception {
      long began = System.nanoTime();
      Instant deadline = Instant.now().plus(PAY_DRAIN_LIMIT);
      int paid = 0;
      try (OrderWatcher watcher = new OrderWatcher(api, admin, (orders.size() + 99) / 100 + 1)) {
        for (String order : orders) {
          if (Instant.now().isAfter(deadline)) {
            break;
          }
          String status = watcher.await(order, buyer);
          if (!"paid".equals(status)) {
            throw new IllegalStateException("Order " + order + " ended " + status);
          }
          paid++;
        }
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      log("pay", "repetition %d: %d of %d sagas paid %.0f s after the last pay", rep + 1, paid, orders.size(),
          seconds);
      if (paid < orders.size()) {
        notes.put("pay_backlog_" + (rep + 1), (orders.size() - paid) + " sagas still running after "
            + PAY_DRAIN_LIMIT.toSeconds() + " s");
      }
    }

    /** Heap used after a full GC and the resident set, three times. */
    private List<Heap> measureHeap() throws Exception {
      List<Heap> heaps = new ArrayList<>();
      for (int rep = 0; rep < REPETITIONS; rep++) {
        command("jcmd", String.valueOf(appPid), "GC.run");
        String info = command("jcmd", String.valueOf(appPid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
          throw new IllegalStateException("No heap figure in: " + info);
        }
        String status = Files.readString(Path.of("/proc/" + appPid + "/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        rss.find();
        heaps.add(new Heap(Long.parseLong(used.group(1)) / 1024.0, Long.parseLong(rss.group(1)) / 1024.0));
      }
      return heaps;
    }

    record Heap(double usedMb, double rssMb) {}

    /** Runs the loop at each concurrency for a short while; the one with the most completions wins. */
    private int sweep(String name, Closed loop) {
      loop.run(sizes.concurrencies()[0], Duration.ofSeconds(2)); // warm-up: JIT, connections, caches
      int best = 0;
      double bestRate = -1;
      for (int concurrency : sizes.concurrencies()) {
        LoopResult result = loop.run(concurrency, sizes.sweepPoint());
        double rate = result.perSecond();
        log(name, "sweep: %d clients -> %.1f/s", concurrency, rate);
        notes.put(name + "_sweep_" + concurrency, String.format(Locale.ROOT, "%.1f", rate));
        if (rate > bestRate) {
          bestRate = rate;
          best = concurrency;
        }
      }
      return best;
    }

    private String createOrder() {
      Map<?, ?> order = (Map<?, ?>) api.expect(201, "POST", "/api/orders", buyer,
          Map.of("items", List.of(Map.of("sku", sku, "quantity", 1)), "currency", "USD"));
      return (String) order.get("id");
    }

    private static Map<String, Object> payment() {
      return Map.of("paymentMethod", Map.of("type", "card", "token", CARD));
    }

    private static Map<String, Object> listing(int i) {
      return Map.of("title", "Benchmark flat number " + i, "description", DESCRIPTION, "price", 1250,
          "currency", "EUR", "propertyType", "apartment",
          "location", Map.of("address", "Rua das Flores " + i, "city", "Porto", "state", "Norte", "country", "PT",
              "postalCode", "4050-265", "lat", 41.1456, "lng", -8.6109),
          "images", List.of("https://images.partner-platform.test/" + i + ".jpg"),
          "attributes", Map.of("bedrooms", 2, "bathrooms", 1, "area", 84.5));
    }

    private void add(String key, double value) {
      samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
  }

  /**
   * A closed loop: each client runs one iteration after another until the time is up. An iteration
   * returns what it adds to the count (canary: workflows completed) or a latency (saga).
   */
  interface Closed {

    java.util.concurrent.Callable<Integer> iteration(int concurrency);

    default LoopResult run(int concurrency, Duration duration) {
      long deadline = System.nanoTime() + duration.toNanos();
      AtomicLong completed = new AtomicLong();
      List<Double> values = Collections.synchronizedList(new ArrayList<>());
      long began = System.nanoTime();
      parallel(concurrency, concurrency, client -> {
        java.util.concurrent.Callable<Integer> iteration = iteration(concurrency);
        while (System.nanoTime() < deadline) {
          int value = iteration.call();
          completed.addAndGet(counting() ? value : 1);
          values.add((double) value);
        }
        return null;
      });
      double seconds = (System.nanoTime() - began) / 1e9;
      return new LoopResult(completed.get(), seconds, values);
    }

    default boolean counting() {
      return true;
    }

    /** The same loop, counting one completion per iteration (its value is a latency). */
    default Closed countingOnes() {
      Closed self = this;
      return new Closed() {
        @Override
        public java.util.concurrent.Callable<Integer> iteration(int concurrency) {
          return self.iteration(concurrency);
        }

        @Override
        public boolean counting() {
          return false;
        }
      };
    }
  }

  record LoopResult(long completed, double seconds, List<Double> values) {

    double perSecond() {
      return completed / seconds;
    }
  }

  /**
   * Finds when orders settle without asking each one: the newest orders, as an admin lists them,
   * every 50 ms. An order not seen settled within 5 s is then read on its own.
   */
  static final class OrderWatcher implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration BEFORE_OWN_READ = Duration.ofSeconds(5);
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final Api api;
    private final String admin;
    private final int pages;
    private final Map<String, CompletableFuture<String>> watched = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    OrderWatcher(Api api, String admin) {
      this(api, admin, 2);
    }

    OrderWatcher(Api api, String admin, int pages) {
      this.api = api;
      this.admin = admin;
      this.pages = pages;
      this.poller = new Thread(this::poll, "order-watcher");
      poller.setDaemon(true);
      poller.start();
    }

    /** The order's status once it is no longer pending or being paid. */
    String await(String order, String owner) throws Exception {
      CompletableFuture<String> settled = watched.computeIfAbsent(order, o -> new CompletableFuture<>());
      try {
        return settled.get(BEFORE_OWN_READ.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        Instant deadline = Instant.now().plus(GIVE_UP);
        while (!settled.isDone() && Instant.now().isBefore(deadline)) {
          Map<?, ?> view = (Map<?, ?>) api.expect(200, "GET", "/api/orders/" + order, owner, null);
          settle((String) view.get("id"), (String) view.get("status"));
          if (!settled.isDone()) {
            Thread.sleep(100);
          }
        }
        return settled.get(1, TimeUnit.SECONDS);
      } finally {
        watched.remove(order);
      }
    }

    private void poll() {
      while (!closed) {
        try {
          for (int page = 0; page < pages && !watched.isEmpty(); page++) {
            Map<?, ?> list = (Map<?, ?>) api.expect(200, "GET", "/api/orders?size=100&page=" + page, admin, null);
            for (Object item : (List<?>) list.get("items")) {
              Map<?, ?> order = (Map<?, ?>) item;
              settle((String) order.get("id"), (String) order.get("status"));
            }
          }
          Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          System.err.println("order watcher: " + e.getMessage());
        }
      }
    }

    private void settle(String order, String status) {
      if (!"pending".equals(status) && !"awaiting_payment_method".equals(status)) {
        CompletableFuture<String> settled = watched.get(order);
        if (settled != null) {
          settled.complete(status);
        }
      }
    }

    @Override
    public void close() {
      closed = true;
      poller.interrupt();
    }
  }

  /** The public HTTP API with bearer tokens; bodies are JSON. */
  static final class Api {

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    Api(String base) {
      this.base = base;
    }

    String login(String email, String password) {
      Map<?, ?> tokens = (Map<?, ?>) expect(200, "POST", "/api/auth/login", null,
          Map.of("email", email, "password", password));
      return (String) tokens.get("accessToken");
    }

    /** A new account with these roles, logged in; returns its access token. */
    String account(String adminToken, String prefix, String... roles) {
      String email = prefix + "-" + UUID.randomUUID() + "@partner-platform.test";
      String password = "benchmark password " + UUID.randomUUID();
      Map<?, ?> user = (Map<?, ?>) expect(201, "POST", "/api/auth/register", null,
          Map.of("email", email, "password", password, "name", prefix));
      expect(200, "PUT", "/api/users/" + user.get("id") + "/roles", adminToken, Map.of("roles", List.of(roles)));
      return login(email, password);
    }

    /** A GET that meets a keep-alive connection the server has just closed is sent again, once. */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!"GET".equals(request.method())) {
          throw e;
        }
        return client.send(request, HttpResponse.BodyHandlers.ofString());
      }
    }

    Object expect(int status, String method, String path, String token, Object body) {
      return expect(List.of(status), method, path, token, body);
    }

    /** Sends the request; fails unless the answer has one of these statuses. Returns the parsed body. */
    Object expect(List<Integer> statuses, String method, String path, String token, Object body) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(REQUEST_TIMEOUT)
          .header("Accept", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(Json.write(body)));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response;
      try {
        response = send(request.build());
      } catch (IOException e) {
        throw new UncheckedIOException(method + " " + path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!statuses.contains(response.statusCode())) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " (expected "
            + statuses + "): " + response.body());
      }
      return response.body().isEmpty() ? null : Json.read(response.body());
    }
  }

  // --- Report ---------------------------------------------------------------------------------------

  /** The keys the issue asks for, in the table's order, with their unit and what they measure. */
  static final String[][] KEYS = {
      {"canary_wps", "wf/s", "completed 1-activity canary workflows per second (best concurrency)"},
      {"saga_wps", "wf/s", "completed payment sagas per second: create order, pay, paid"},
      {"saga_ratio", "", "saga_wps / canary_wps of the same repetition"},
      {"saga_p50_ms", "ms", "pay call to order paid, median"},
      {"saga_p99_ms", "ms", "pay call to order paid, 99th percentile"},
      {"pay_p50_ms", "ms", "POST /api/orders/{id}/pay at 64 clients, median"},
      {"pay_p99_ms", "ms", "POST /api/orders/{id}/pay at 64 clients, 99th percentile"},
      {"open_workflows", "", "listing approvals waiting for review"},
      {"heap_mb_per_1k_open", "MB", "heap after GC grown per 1,000 open approvals"},
      {"heap_mb_after_gc_open", "MB", "heap after GC with the approvals open"},
      {"rss_mb_open", "MB", "resident set with the approvals open"},
      {"update_p50_ms", "ms", "POST /api/listings/{id}/approve (a workflow update), median"},
      {"update_p99_ms", "ms", "POST /api/listings/{id}/approve (a workflow update), 99th percentile"},
      {"update_p50_ms_1_client", "ms", "the same approvals one at a time, median"},
      {"update_p99_ms_1_client", "ms", "the same approvals one at a time, 99th percentile"},
      {"startup_s_in_memory", "s", "process start to readiness UP, in-memory engine (extracted jar, CDS archive)"},
      {"startup_s_dev_server", "s", "process start to readiness UP, dev server started by the app (same launch)"},
      {"startup_s_in_memory_plain_jar", "s", "the same as startup_s_in_memory with java -jar (full run only)"},
  };

  /** Keys that only some runs measure. */
  static final List<String> OPTIONAL_KEYS = List.of("startup_s_in_memory_plain_jar");

  /** Targets of the issue: key, comparison, bound. */
  static final Object[][] TARGETS = {
      {"saga_ratio", ">=", 0.6}, {"pay_p99_ms", "<=", 25.0}, {"heap_mb_after_gc_open", "<=", 512.0},
      {"update_p99_ms", "<=", 250.0}, {"startup_s_in_memory", "<=", 8.0},
  };

  static void report(Map<String, String> options) throws IOException {
    Map<?, ?> load = (Map<?, ?>) Json.read(Files.readString(Path.of(required(options, "load"))));
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    ((Map<?, ?>) load.get("samples")).forEach((key, values) -> samples.put((String) key,
        ((List<?>) values).stream().map(v -> ((Number) v).doubleValue()).toList()));
    samples.put("startup_s_in_memory", numbers(required(options, "startup-in-memory")));
    samples.put("startup_s_dev_server", numbers(required(options, "startup-dev-server")));
    if (options.containsKey("startup-in-memory-plain-jar")) {
      samples.put("startup_s_in_memory_plain_jar", numbers(options.get("startup-in-memory-plain-jar")));
    }

    Map<String, Object> json = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "| %-29s | %9s | %9s | %9s | %-7s | %s |%n", "key", "median", "min", "max",
        "target", ""));
    table.append("|-------------------------------|----------:|----------:|----------:|---------|---|\n");
    for (String[] key : KEYS) {
      List<Double> values = samples.get(key[0]);
      if ((values == null || values.isEmpty()) && OPTIONAL_KEYS.contains(key[0])) {
        continue;
      }
      if (values == null || values.isEmpty()) {
        throw new IllegalStateException("No samples for " + key[0]);
      }
      List<Double> sorted = values.stream().sorted().toList();
      double median = percentile(sorted, 50);
      Map<String, Object> figure = new LinkedHashMap<>();
      figure.put("median", round(median));
      figure.put("min", round(sorted.get(0)));
      figure.put("max", round(sorted.get(sorted.size() - 1)));
      figure.put("samples", values.stream().map(Bench::round).toList());
      figure.put("unit", key[1]);
      figure.put("what", key[2]);
      json.put(key[0], figure);
      String target = "";
      String verdict = "";
      for (Object[] t : TARGETS) {
        if (t[0].equals(key[0])) {
          double bound = (Double) t[2];
          target = t[1] + " " + format(bound);
          verdict = ">=".equals(t[1]) == (median >= bound) || median == bound ? "met" : "missed";
        }
      }
      table.append(String.format(Locale.ROOT, "| %-29s | %9s | %9s | %9s | %-7s | %s |%n", key[0], format(median),
          format(sorted.get(0)), format(sorted.get(sorted.size() - 1)), target, verdict));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", required(options, "mode"));
    run.put("finished_at", Instant.now().toString());
    run.put("machine", required(options, "machine"));
    run.put("notes", load.get("notes"));
    Path out = Path.of(required(options, "out"));
    Files.writeString(out, Json.write(json));
    Files.writeString(out.resolveSibling("latest-run.json"), Json.write(run));
    Files.writeString(out.resolveSibling("latest-table.md"), table.toString());
    System.out.println();
    System.out.println("Benchmark (" + run.get("mode") + "), " + run.get("machine"));
    System.out.println("Notes: " + load.get("notes"));
    System.out.print(table);
  }

  // --- Helpers --------------------------------------------------------------------------------------

  /** Runs count tasks on threads, at most threads at a time; returns their results in order. */
  static <T> List<T> parallel(int threads, int count, ThrowingTask<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.run(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    } finally {
      pool.shutdownNow();
    }
  }

  interface ThrowingTask<T> {
    T run(int index) throws Exception;
  }

  static double percentile(List<Double> values, double percentile) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static String command(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }

  static void log(String scenario, String format, Object... args) {
    System.out.printf(Locale.ROOT, "  %-8s " + format + "%n", prepend(scenario, args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  static String format(double value) {
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  static List<Double> numbers(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(Double::parseDouble).toList();
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        options.put(name, args[++i]);
      } else {
        options.put(name, "true");
      }
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  /** Just enough JSON: objects, arrays, strings, numbers, booleans and null. */
  static final class Json {

    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    static Object read(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.space();
      if (json.at != text.length()) {
        throw json.error("trailing characters");
      }
      return value;
    }

    static String write(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
          switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            default -> {
              if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
              } else {
                out.append(c);
              }
            }
          }
        }
        out.append('"');
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(first ? "" : ",");
          first = false;
          write(String.valueOf(entry.getKey()), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(list.get(i), out);
        }
        out.append(']');
      } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
        out.append("null");
      } else {
        out.append(value); // numbers and booleans
      }
    }

    private Object value() {
      space();
      char c = peek();
      switch (c) {
        case '{' -> {
          at++;
          Map<String, Object> map = new LinkedHashMap<>();
          space();
          if (peek() == '}') {
            at++;
            return map;
          }
          do {
            space();
            String key = string();
            space();
            expect(':');
            map.put(key, value());
            space();
          } while (next() == ',');
          at--;
          expect('}');
          return map;
        }
        case '[' -> {
          at++;
          List<Object> list = new ArrayList<>();
          space();
          if (peek() == ']') {
            at++;
            return list;
          }
          do {
            list.add(value());
            space();
          } while (next() == ',');
          at--;
          expect(']');
          return list;
        }
        case '"' -> {
          return string();
        }
        default -> {
          int start = at;
          while (at < text.length() && "{}[],: \t\r\n".indexOf(text.charAt(at)) < 0) {
            at++;
          }
          String word = text.substring(start, at);
          return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> null;
            default -> Double.parseDouble(word);
          };
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      for (char c = next(); c != '"'; c = next()) {
        if (c == '\\') {
          char escaped = next();
          switch (escaped) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
              out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
              at += 4;
            }
            default -> out.append(escaped);
          }
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    private void space() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw error("unexpected end");
      }
      return text.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw error("expected " + c);
      }
    }

    private IllegalStateException error(String message) {
      return new IllegalStateException("JSON: " + message + " at " + at + " in "
          + text.substring(0, Math.min(text.length(), 200)));
    }
  }
}

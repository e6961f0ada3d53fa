package org.tinyseq.bot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelInfo;
import org.tinyseq.serve.Status;

class OpsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private FakeModelService service;
  private OpsServer ops;

  @BeforeEach
  void start() {
    service =
        new FakeModelService().version("translate", "translate-v1").version("chat", "chat-v1");
    ops = OpsServer.start(0, service, ready::get, new BotMetrics());
    org.junit.jupiter.api.Assertions.assertTrue(
        ops.address().getAddress().isLoopbackAddress(), "loopback by default");
  }

  @AfterEach
  void stop() {
    ops.close();
  }

  @Test
  void healthIsUpWithTheModelVersionsWhenReady() throws Exception {
    HttpResponse<String> r = get("/health");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode body = new ObjectMapper().readTree(r.body());
    assertEquals("UP", body.get("status").asText());
    assertEquals("translate-v1", body.at("/models/translate/version").asText());
    assertEquals("chat-v1", body.at("/models/chat/version").asText());
    assertEquals("2026-11-26T12:00:00Z", body.at("/models/chat/loadedAt").asText());
    assertEquals(0, body.at("/models/chat/memory/entries").asInt());
    assertTrue(body.at("/models/chat/memory/threshold").isNull());
    assertFalse(body.at("/models/chat/memory/on").asBoolean());
  }

  @Test
  void healthShowsWhereAModelComesFromButNoPath() throws Exception {
    String body = get("/health").body();
    JsonNode json = new ObjectMapper().readTree(body);
    assertEquals("models-dir", json.at("/models/translate/source").asText());
    assertFalse(body.contains("/models/translate/"), body);
    assertTrue(json.at("/models/translate/location").isMissingNode(), body);
    assertEquals(
        "embedded",
        OpsServer.source(
            new ModelInfo(
                "chat", "default-chat", "classpath:org/tinyseq/models/chat", Map.of(), null)));
  }

  @Test
  void healthFollowsTheReadinessSupplier() throws Exception {
    ready.set(false);
    HttpResponse<String> down = get("/health");
    assertEquals(503, down.statusCode());
    assertEquals("DOWN", new ObjectMapper().readTree(down.body()).get("status").asText());
    assertEquals(0.0, metric(scrape(), "tinyseq_ready"));

    ready.set(true);
    assertEquals(200, get("/health").statusCode());
    assertEquals(1.0, metric(scrape(), "tinyseq_ready"));
  }

  @Test
  void aFailingReadinessSupplierReportsDown() throws Exception {
    ops.close();
    ops =
        OpsServer.start(
            0,
            service,
            () -> {
              throw new IllegalStateException("gateway state unknown");
            },
            new BotMetrics());
    assertEquals(503, get("/health").statusCode());
  }

  @Test
  void healthShowsAMissingModelAsNull() throws Exception {
    service.versions.remove("chat");
    JsonNode body = new ObjectMapper().readTree(get("/health").body());
    assertTrue(body.at("/models/chat/version").isNull());
  }

  @Test
  void metricsCountRequestsByCommandAndOutcomeFromTheServiceStats() throws Exception {
    Map<Command, Map<Status, Long>> requests = new EnumMap<>(Command.class);
    requests.put(Command.TRANSLATE, Map.of(Status.OK, 7L, Status.TOO_LONG, 2L));
    requests.put(Command.CHAT, Map.of(Status.BUSY, 1L));
    service.stats = FakeModelService.stats(requests, 5, 4, 1, 9);

    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    String m = r.body();
    assertEquals(7.0, metric(m, "tinyseq_requests_total{command=\"translate\",outcome=\"ok\"}"));
    assertEquals(
        2.0, metric(m, "tinyseq_requests_total{command=\"translate\",outcome=\"too_long\"}"));
    assertEquals(1.0, metric(m, "tinyseq_requests_total{command=\"chat\",outcome=\"busy\"}"));
    assertEquals(0.0, metric(m, "tinyseq_requests_total{command=\"chat\",outcome=\"ok\"}"));
    assertEquals(5.0, metric(m, "tinyseq_queue_depth"));
    assertEquals(9.0 / 12.0, metric(m, "tinyseq_cache_hit_ratio"), 1e-9);
    assertEquals(9.0, metric(m, "tinyseq_cache_hits_total"));
    assertEquals(3.0, metric(m, "tinyseq_cache_misses_total"));
    assertEquals(4.0, metric(m, "tinyseq_model_swaps_total"));
    assertEquals(1.0, metric(m, "tinyseq_model_load_failures_total"));
  }

  @Test
  void metricsRecordDecodeLatencyAndBatchSizeHistogramsFromTheListener() throws Exception {
    var listener = service.listeners.get(0);
    listener.onRequest(Command.TRANSLATE, Status.OK, Duration.ofMillis(3), false);
    listener.onRequest(Command.TRANSLATE, Status.OK, Duration.ofMillis(40), false);
    listener.onRequest(Command.TRANSLATE, Status.OK, Duration.ofMillis(1), true); // cached: no
    listener.onRequest(Command.CHAT, Status.TIMEOUT, Duration.ofSeconds(3), false); // failed: no
    listener.onBatch(1);
    listener.onBatch(6);
    listener.onBatch(30);

    String m = scrape();
    String tr = "command=\"translate\"";
    assertEquals(2.0, metric(m, "tinyseq_decode_latency_seconds_count{" + tr + "}"));
    assertEquals(0.043, metric(m, "tinyseq_decode_latency_seconds_sum{" + tr + "}"), 1e-9);
    assertEquals(1.0, metric(m, "tinyseq_decode_latency_seconds_bucket{" + tr + ",le=\"0.005\"}"));
    assertEquals(2.0, metric(m, "tinyseq_decode_latency_seconds_bucket{" + tr + ",le=\"0.05\"}"));
    assertEquals(0.0, metric(m, "tinyseq_decode_latency_seconds_count{command=\"chat\"}"));
    assertEquals(3.0, metric(m, "tinyseq_batch_size_count"));
    assertEquals(37.0, metric(m, "tinyseq_batch_size_sum"));
    assertEquals(1.0, metric(m, "tinyseq_batch_size_bucket{le=\"1.0\"}"));
    assertEquals(2.0, metric(m, "tinyseq_batch_size_bucket{le=\"8.0\"}"));
    assertEquals(3.0, metric(m, "tinyseq_batch_size_bucket{le=\"32.0\"}"));
  }

  @Test
  void metricsShowTheServingVersionOfEachKindAndFollowASwap() throws Exception {
    String m = scrape();
    assertEquals(1.0, metric(m, "tinyseq_model_info{kind=\"translate\",version=\"translate-v1\"}"));
    assertEquals(1.0, metric(m, "tinyseq_model_info{kind=\"chat\",version=\"chat-v1\"}"));

    service.version("translate", "translate-v2");
    service.listeners.get(0).onSwap("translate", "translate-v2");
    m = scrape();
    assertEquals(1.0, metric(m, "tinyseq_model_info{kind=\"translate\",version=\"translate-v2\"}"));
    assertFalse(m.contains("version=\"translate-v1\""), "the old version's series is gone");
  }

  @Test
  void rateLimitRefusalsAreCountedByScope() throws Exception {
    assertEquals(0.0, metric(scrape(), "tinyseq_ratelimit_refusals_total{scope=\"user\"}"));
    ops.metrics().rateLimitRefused("user");
    ops.metrics().rateLimitRefused("user");
    ops.metrics().rateLimitRefused("guild");
    String m = scrape();
    assertEquals(2.0, metric(m, "tinyseq_ratelimit_refusals_total{scope=\"user\"}"));
    assertEquals(1.0, metric(m, "tinyseq_ratelimit_refusals_total{scope=\"guild\"}"));
  }

  @Test
  void metricsIncludeJvmAndResidentMemory() throws Exception {
    String m = scrape();
    assertTrue(m.contains("jvm_memory_used_bytes{"));
    assertTrue(metric(m, "process_resident_memory_bytes") > 1_000_000);
  }

  @Test
  void unknownPathsAndMethodsAreRefused() throws Exception {
    assertEquals(404, get("/healthz").statusCode());
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void theHealthCheckProbeFollowsTheEndpoint() {
    String port = Integer.toString(ops.port());
    assertTrue(HealthCheck.check(port));
    ready.set(false);
    assertFalse(HealthCheck.check(port));
  }

  @Test
  void closingFreesThePort() {
    int port = ops.port();
    ops.close();
    assertThrows(IOException.class, () -> get("/health"));
    assertFalse(HealthCheck.check(Integer.toString(port)));
    ops = OpsServer.start(port, service, ready::get, new BotMetrics());
    assertEquals(port, ops.port());
  }

  @Test
  void aBusyPortGivesAClearError() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> OpsServer.start(ops.port(), service, ready::get, new BotMetrics()));
    assertTrue(
        e.getMessage().startsWith("cannot listen on 127.0.0.1 port " + ops.port()), e.getMessage());
  }

  private String scrape() throws Exception {
    return get("/metrics").body();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + ops.port() + path);
  }

  /** The value of the series named exactly {@code series} (name and labels) in a scrape. */
  static double metric(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no series " + series + " in:\n" + scrape);
  }
}

package org.tinyseq.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Retrain and hot swap, end to end: the real bot in console mode ({@link BotMain#run}, piped input,
 * health endpoint on) serves translate version A from a models folder; while requests keep flowing,
 * version B is published into the folder the way {@code model.jar train --out} does it
 * (BundleWriter: hidden directory, then rename). The watcher picks it up by itself; every answer
 * comes from A until the switch and from B after it, and no request fails. /health, /metrics and
 * /model then name B.
 *
 * <p>The two bundles are built so their answers tell them apart: all weights zero except the output
 * bias, so A always emits 甲 and B always emits 乙 (up to the step limit).
 */
class ConsoleHotSwapTest {
  private static final Duration SWITCH_DEADLINE = Duration.ofSeconds(60);
  private static final int BEFORE = 20;
  private static final int AFTER = 20;

  @TempDir Path models;

  @Test
  void aBundlePublishedWhileRequestsFlowIsServedWithNoFailedRequest() throws Exception {
    publish("translate", "translate-a", "甲", Instant.now().minusSeconds(60));
    publish("chat", "chat-a", "嗯", Instant.now().minusSeconds(60));
    publish("translate-zh-en", "translate-zh-en-a", "e", Instant.now().minusSeconds(60));
    int healthPort = freePort();
    Map<String, String> env =
        Map.of(
            "MODELS_DIR", models.toString(),
            "USE_DEFAULT_MODELS", "false",
            "MODELS_WATCH", "true",
            "MODELS_WATCH_INTERVAL_MS", "50",
            "MAX_OUTPUT_STEPS", "3",
            "RATE_LIMIT_USER_PER_MINUTE", "1000000",
            "HEALTH_PORT", Integer.toString(healthPort),
            "LOG_LEVEL", "INFO");

    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream consoleIn = new PipedInputStream(typing);
    PipedInputStream answers = new PipedInputStream(1 << 16);
    PrintStream consoleOut =
        new PrintStream(new PipedOutputStream(answers), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream consoleErr = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    // Own threads, not the common pool: the console blocks its thread on reads.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CompletableFuture<Integer> bot =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return BotMain.run(env, consoleIn, consoleOut, consoleErr, false);
              } finally {
                consoleOut.close();
              }
            },
            threads);
    PrintWriter in =
        new PrintWriter(new java.io.OutputStreamWriter(typing, StandardCharsets.UTF_8), true);
    BufferedReader out = new BufferedReader(new InputStreamReader(answers, StandardCharsets.UTF_8));

    List<String> seen = new ArrayList<>();
    int fromB = 0;
    CompletableFuture<Path> publishing = null;
    Instant deadline = null;
    for (int i = 0; fromB < AFTER; i++) {
      in.println("/translate go " + (i % 7)); // a few distinct texts: decodes and cache hits
      String answer = out.readLine();
      if (answer == null) {
        fail("the console stopped: " + errBytes.toString(StandardCharsets.UTF_8));
      }
      seen.add(answer);
      char version = versionOf(answer);
      if (version == '?') {
        fail("answer " + i + " is neither A's nor B's: '" + answer + "'; all: " + seen);
      }
      if (version == 'B') {
        fromB++;
      } else if (fromB > 0) {
        fail("A answered after B had: " + seen);
      }
      if (i == BEFORE) {
        assertEquals(0, fromB, "B answered before it was published");
        publishing =
            CompletableFuture.supplyAsync(
                () -> publish("translate", "translate-b", "乙", Instant.now()), threads);
        deadline = Instant.now().plus(SWITCH_DEADLINE);
      }
      if (deadline != null && Instant.now().isAfter(deadline)) {
        fail("B not served within " + SWITCH_DEADLINE + "; answers: " + seen);
      }
    }
    publishing.get(10, TimeUnit.SECONDS);

    HttpClient http = HttpClient.newHttpClient();
    String health = get(http, healthPort, "/health");
    assertTrue(health.contains("\"status\":\"UP\""), health);
    assertTrue(health.contains("\"version\":\"translate-b\""), health);
    String metrics = get(http, healthPort, "/metrics");
    assertTrue(
        metrics.contains("tinyseq_model_info{kind=\"translate\",version=\"translate-b\"} 1"),
        metrics);
    for (String outcome : List.of("busy", "timeout", "unavailable", "error")) {
      assertTrue(
          metrics.contains(
              "tinyseq_requests_total{command=\"translate\",outcome=\"" + outcome + "\"} 0"),
          "no " + outcome + " request: " + metrics);
    }

    in.println("/model");
    in.close(); // EOF: the console ends
    StringBuilder rest = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      rest.append(line).append('\n');
    }
    assertEquals(0, bot.get(30, TimeUnit.SECONDS));
    threads.shutdown();
    assertTrue(rest.toString().contains("translate-b"), "/model names B: " + rest);
  }

  /** 'A' for an answer made of 甲 only, 'B' for 乙 only, '?' for anything else. */
  private static char versionOf(String answer) {
    String text = answer.replace("…", "").strip();
    if (text.matches("甲+")) {
      return 'A';
    }
    if (text.matches("乙+")) {
      return 'B';
    }
    return '?';
  }

  /** A bundle whose decoder always emits {@code token}: zero weights, a large output bias. */
  private Path publish(String kind, String version, String token, Instant createdAt) {
    Architecture a = TestBundles.lstm(8, 4);
    Vocabulary source = Vocabulary.of(List.of("g", "o", " ", "0", "1", "2", "3", "4", "5", "6"));
    Vocabulary target = Vocabulary.of(List.of(token));
    int h = a.latentDim();
    int g = a.gates() * h;
    float[] outputBias = new float[target.size()];
    outputBias[target.id(token)] = 5f;
    Manifest manifest =
        TestBundles.manifest(kind, version, a, source.size(), target.size()).toBuilder()
            .createdAt(createdAt.toString())
            .build();
    try {
      return BundleWriter.write(
          models.resolve(kind),
          manifest,
          source,
          target,
          List.of(
              zeros("embedding", source.size(), 4),
              zeros("kernel", 4, g),
              zeros("recurrent_kernel", h, g),
              zeros("bias", g)),
          List.of(
              zeros("embedding", target.size(), 4),
              zeros("kernel", 4, g),
              zeros("recurrent_kernel", h, g),
              zeros("bias", g),
              zeros("output_kernel", h, target.size()),
              new Tensor("output_bias", new int[] {target.size()}, outputBias)),
          Map.of());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Tensor zeros(String name, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return new Tensor(name, shape, new float[n]);
  }

  private static String get(HttpClient http, int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

package org.tinyseq.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Discord-compatible server on loopback, enough for JDA: the REST endpoints the bot uses (each
 * request body validated against the OpenAPI spec and recorded) and a gateway ({@link
 * FakeGateway}). Tests send interactions through {@link #gateway()} and wait for the bot's REST
 * calls with {@link #await}. Several bot processes can share one server: each gets its own REST
 * base URL ({@link #apiBaseUrl(String)}), so every recorded call names the process that made it.
 */
public final class FakeDiscord implements AutoCloseable {
  public static final String BOT_ID = "1100000000000000001";
  public static final String GUILD_ID = "1200000000000000001";
  public static final String CHANNEL_ID = "1300000000000000001";
  public static final String MANAGER_ROLE_ID = "1400000000000000001";
  public static final String API_PREFIX = "/api/v10";

  static final ObjectMapper JSON = new ObjectMapper();

  /** Where {@link #apiBaseUrl(String)} puts the client's name: {@code /client/<name>/api/v10/}. */
  private static final Pattern CLIENT_PREFIX = Pattern.compile("/client/([\\w-]+)" + API_PREFIX);

  private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern COMMANDS =
      Pattern.compile("/applications/(\\d+)(/guilds/\\d+)?/commands");
  private static final Pattern WEBHOOK =
      Pattern.compile("/webhooks/(\\d+)/([^/]+)(/messages/@original)?");

  private final String validToken;
  private final int shardsTotal;
  private final HttpServer http;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
  private final FakeGateway gateway;
  private final OpenApiValidator validator = OpenApiValidator.shared();
  private final List<RestCall> calls = new ArrayList<>();

  /** The client of each exchange being handled (see {@link #apiBaseUrl(String)}). */
  private final Map<HttpExchange, String> clients = new ConcurrentHashMap<>();

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger callbacksToRateLimit = new AtomicInteger();
  private final AtomicInteger messageIds = new AtomicInteger();

  /** One shard with one guild, {@link #GUILD_ID}. */
  public FakeDiscord(String validToken) throws IOException {
    this(validToken, 1, List.of(GUILD_ID));
  }

  /**
   * {@code GET gateway/bot} recommends {@code shardsTotal} shards; each shard that identifies gets
   * the guilds Discord would route to it ({@link FakeGateway#shardOf}).
   */
  public FakeDiscord(String validToken, int shardsTotal, List<String> guildIds) throws IOException {
    this.validToken = validToken;
    this.shardsTotal = shardsTotal;
    this.gateway = new FakeGateway(guildIds, shardsTotal);
    gateway.start();
    gateway.awaitStarted();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(API_PREFIX + "/", this::handle);
    http.createContext("/client/", this::handle);
    http.setExecutor(httpThreads);
    http.start();
  }

  public String apiBaseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + API_PREFIX + "/";
  }

  /** The REST base URL for one of several bot processes; its calls carry {@code client}. */
  public String apiBaseUrl(String client) {
    return "http://127.0.0.1:"
        + http.getAddress().getPort()
        + "/client/"
        + client
        + API_PREFIX
        + "/";
  }

  /** The text channel of a guild: {@link #CHANNEL_ID} in {@link #GUILD_ID}. */
  public static String channelOf(String guildId) {
    return guildId.equals(GUILD_ID) ? CHANNEL_ID : Long.toString(Long.parseLong(guildId) + 1);
  }

  public String gatewayUrl() {
    return gateway.url();
  }

  public FakeGateway gateway() {
    return gateway;
  }

  /** Bodies that did not validate against the spec, and unexpected requests. */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /** The next {@code n} interaction callbacks are answered 429 with Retry-After. */
  public void rateLimitNextCallbacks(int n) {
    callbacksToRateLimit.set(n);
  }

  /** Waits until a recorded call matches, up to {@code timeout}; fails the test otherwise. */
  public RestCall await(Predicate<RestCall> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (calls) {
      while (true) {
        for (RestCall c : calls) {
          if (match.test(c)) {
            return c;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching REST call within " + timeout + "; saw " + calls);
        }
        calls.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** All recorded calls matching {@code match}, in order. */
  public List<RestCall> calls(Predicate<RestCall> match) {
    synchronized (calls) {
      return calls.stream().filter(match).toList();
    }
  }

  @Override
  public void close() {
    http.stop(0);
    httpThreads.shutdownNow();
    gateway.shutdown();
  }

  // ---------------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String full = ex.getRequestURI().getPath();
      Matcher prefix = CLIENT_PREFIX.matcher(full);
      String client = prefix.lookingAt() ? prefix.group(1) : "";
      String path = full.substring(prefix.lookingAt() ? prefix.end() : API_PREFIX.length());
      byte[] raw = ex.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
      // Not HttpExchange.setAttribute: before Java 20 that map is the context's, shared by all
      // exchanges, and two bot processes call at the same time.
      clients.put(ex, client);
      if (body != null) {
        for (String problem : validator.validate(method, path, body)) {
          violations.add(problem + " in " + body);
        }
      }
      if (!("Bot " + validToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        respond(
            ex,
            method,
            path,
            body,
            401,
            JSON.createObjectNode().put("message", "401: Unauthorized").put("code", 0));
        return;
      }
      route(ex, method, path, body);
    } catch (RuntimeException e) {
      violations.add("server error: " + e);
      throw e;
    } finally {
      clients.remove(ex);
    }
  }

  private void route(HttpExchange ex, String method, String path, JsonNode body)
      throws IOException {
    Matcher m;
    if (method.equals("GET") && path.equals("/users/@me")) {
      respond(ex, method, path, body, 200, FakeGateway.botUser());
    } else if (method.equals("GET") && path.equals("/gateway/bot")) {
      ObjectNode g = JSON.createObjectNode().put("url", gateway.url()).put("shards", shardsTotal);
      g.putObject("session_start_limit")
          .put("total", 1000)
          .put("remaining", 1000)
          .put("reset_after", 0)
          .put("max_concurrency", 1);
      respond(ex, method, path, body, 200, g);
    } else if (method.equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
      ArrayNode echoed = JSON.createArrayNode();
      for (JsonNode c : body) {
        ObjectNode e = ((ObjectNode) c.deepCopy());
        e.put("id", Snowflakes.next()).put("application_id", m.group(1)).put("version", "1");
        if (!e.has("type")) {
          e.put("type", 1);
        }
        echoed.add(e);
      }
      respond(ex, method, path, body, 200, echoed);
    } else if (method.equals("POST") && CALLBACK.matcher(path).matches()) {
      if (callbacksToRateLimit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        // Discord's own 429s come through its proxy (Via); without it JDA assumes Cloudflare.
        ex.getResponseHeaders().add("Via", "1.1 google");
        ex.getResponseHeaders().add("Retry-After", "1");
        ex.getResponseHeaders().add("X-RateLimit-Limit", "1");
        ex.getResponseHeaders().add("X-RateLimit-Remaining", "0");
        ex.getResponseHeaders().add("X-RateLimit-Reset-After", "0.2");
        ex.getResponseHeaders().add("X-RateLimit-Bucket", "callback");
        ex.getResponseHeaders().add("X-RateLimit-Scope", "user");
        ObjectNode limited =
            JSON.createObjectNode()
                .put("message", "You are being rate limited.")
                .put("retry_after", 0.2)
                .put("global", false);
        respond(ex, method, path, body, 429, limited);
      } else {
        respond(ex, method, path, body, 204, null);
      }
    } else if ((m = WEBHOOK.matcher(path)).matches()) {
      boolean original = m.group(3) != null;
      if (method.equals("DELETE") && original) {
        respond(ex, method, path, body, 204, null);
      } else if ((method.equals("PATCH") && original) || (method.equals("POST") && !original)) {
        respond(ex, method, path, body, 200, message(body, m.group(1)));
      } else {
        unexpected(ex, method, path, body);
      }
    } else {
      unexpected(ex, method, path, body);
    }
  }

  private void unexpected(HttpExchange ex, String method, String path, JsonNode body)
      throws IOException {
    violations.add("unexpected request " + method + " " + path);
    respond(
        ex,
        method,
        path,
        body,
        404,
        JSON.createObjectNode().put("message", "Unknown").put("code", 0));
  }

  /** A message object as Discord returns it for webhook sends and edits. */
  private ObjectNode message(JsonNode body, String applicationId) {
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", Snowflakes.next())
        .put("channel_id", CHANNEL_ID)
        .put("type", 20)
        .put("content", body == null ? "" : body.path("content").asText(""))
        .put("timestamp", Instant.now().toString())
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("flags", body == null ? 0 : body.path("flags").asInt(0))
        .put("application_id", applicationId)
        .put("webhook_id", applicationId);
    msg.set("author", FakeGateway.botUser());
    msg.putArray("mentions");
    msg.putArray("mention_roles");
    msg.putArray("attachments");
    msg.putArray("embeds");
    msg.putArray("components");
    messageIds.incrementAndGet();
    return msg;
  }

  private void respond(
      HttpExchange ex, String method, String path, JsonNode body, int status, JsonNode response)
      throws IOException {
    String query = ex.getRequestURI().getQuery();
    synchronized (calls) {
      calls.add(new RestCall(clients.getOrDefault(ex, ""), method, path, query, body, status));
      calls.notifyAll();
    }
    if (response == null) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    byte[] out = JSON.writeValueAsBytes(response);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}

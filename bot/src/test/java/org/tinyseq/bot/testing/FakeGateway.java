package org.tinyseq.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The gateway side of {@link FakeDiscord}: HELLO, IDENTIFY to READY plus a complete GUILD_CREATE,
 * heartbeat ACKs, RESUME to RESUMED, and dispatch of interactions. {@link #drop()} closes the
 * connection the way a network failure or Discord's reconnect request would.
 */
public final class FakeGateway extends WebSocketServer {
  private final CountDownLatch started = new CountDownLatch(1);
  private final AtomicReference<WebSocket> current = new AtomicReference<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final Object sessionLock = new Object();
  private volatile String sessionId = "";

  FakeGateway(FakeDiscord discord) {
    super(new InetSocketAddress("127.0.0.1", 0));
    setReuseAddr(true);
  }

  void awaitStarted() throws IOException {
    try {
      if (!started.await(10, TimeUnit.SECONDS)) {
        throw new IOException("gateway did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  String url() {
    return "ws://127.0.0.1:" + getPort() + "/";
  }

  public int identifies() {
    return identifies.get();
  }

  public int resumes() {
    return resumes.get();
  }

  /** Sessions established (IDENTIFY answered with READY, or RESUME with RESUMED). */
  public int sessions() {
    return identifies.get() + resumes.get();
  }

  /** Waits until {@link #sessions()} reaches {@code n}. */
  public void awaitSessions(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (sessionLock) {
      while (sessions() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("gateway sessions: " + sessions() + " < " + n);
        }
        sessionLock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Closes the bot's connection with 4000 (unknown error), after which a bot may resume. */
  public void drop() {
    WebSocket ws = current.get();
    if (ws != null) {
      ws.close(4000, "test disconnect");
    }
  }

  /** Sends an INTERACTION_CREATE dispatch. */
  public void dispatchInteraction(JsonNode interaction) {
    dispatch("INTERACTION_CREATE", interaction);
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void onOpen(WebSocket conn, ClientHandshake handshake) {
    ObjectNode hello = FakeDiscord.JSON.createObjectNode().put("op", 10);
    hello.putObject("d").put("heartbeat_interval", 41250);
    hello.putNull("s").putNull("t");
    conn.send(hello.toString());
  }

  @Override
  public void onMessage(WebSocket conn, String message) {
    JsonNode msg;
    try {
      msg = FakeDiscord.JSON.readTree(message);
    } catch (IOException e) {
      return;
    }
    switch (msg.path("op").asInt()) {
      case 1 -> conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
      case 2 -> identify(conn);
      case 6 -> resume(conn, msg.path("d"));
      default -> {}
    }
  }

  private void identify(WebSocket conn) {
    current.set(conn);
    sessionId = "session-" + (identifies.get() + 1);
    sequence.set(0);
    ObjectNode ready = FakeDiscord.JSON.createObjectNode();
    ready.put("v", 10);
    ready.set("user", botUser());
    ready.putArray("guilds").addObject().put("id", FakeDiscord.GUILD_ID).put("unavailable", true);
    ready.putArray("private_channels");
    ready.putArray("relationships");
    ready.put("session_id", sessionId).put("resume_gateway_url", url());
    ready.putObject("application").put("id", FakeDiscord.BOT_ID).put("flags", 0);
    ready.putArray("shard").add(0).add(1);
    dispatch("READY", ready);
    dispatch("GUILD_CREATE", guild());
    synchronized (sessionLock) {
      identifies.incrementAndGet();
      sessionLock.notifyAll();
    }
  }

  private void resume(WebSocket conn, JsonNode d) {
    if (!sessionId.equals(d.path("session_id").asText())) {
      conn.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}"); // invalid session: re-identify
      return;
    }
    current.set(conn);
    dispatch("RESUMED", FakeDiscord.JSON.createObjectNode());
    synchronized (sessionLock) {
      resumes.incrementAndGet();
      sessionLock.notifyAll();
    }
  }

  private void dispatch(String type, JsonNode data) {
    WebSocket ws = current.get();
    if (ws == null) {
      throw new IllegalStateException("no gateway session");
    }
    ObjectNode m = FakeDiscord.JSON.createObjectNode().put("op", 0).put("t", type);
    m.put("s", sequence.incrementAndGet());
    m.set("d", data);
    ws.send(m.toString());
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    current.compareAndSet(conn, null);
  }

  @Override
  public void onError(WebSocket conn, Exception ex) {}

  public void shutdown() {
    try {
      stop(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ObjectNode botUser() {
    return user(FakeDiscord.BOT_ID, "tinyseq").put("bot", true);
  }

  static ObjectNode user(String id, String name) {
    ObjectNode u = FakeDiscord.JSON.createObjectNode();
    u.put("id", id).put("username", name).put("discriminator", "0").putNull("avatar");
    u.putNull("global_name");
    u.put("public_flags", 0);
    return u;
  }

  /** A GUILD_CREATE complete enough that JDA marks the guild available at once. */
  private static ObjectNode guild() {
    ObjectNode g = FakeDiscord.JSON.createObjectNode();
    g.put("id", FakeDiscord.GUILD_ID)
        .put("name", "Test guild")
        .putNull("icon")
        .put("owner_id", "1000000000000000009")
        .put("afk_timeout", 300)
        .putNull("afk_channel_id")
        .put("verification_level", 0)
        .put("default_message_notifications", 0)
        .put("explicit_content_filter", 0)
        .put("mfa_level", 0)
        .put("nsfw_level", 0)
        .put("premium_tier", 0)
        .put("preferred_locale", "en-US")
        .put("member_count", 2)
        .put("large", false)
        .put("unavailable", false)
        .put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    g.putArray("features");
    ObjectNode everyone = g.putArray("roles").addObject();
    everyone
        .put("id", FakeDiscord.GUILD_ID)
        .put("name", "@everyone")
        .put("permissions", "2147486720")
        .put("position", 0)
        .put("color", 0)
        .put("hoist", false)
        .put("managed", false)
        .put("mentionable", false)
        .put("flags", 0);
    everyone
        .putObject("colors")
        .put("primary_color", 0)
        .putNull("secondary_color")
        .putNull("tertiary_color");
    ObjectNode managers = ((ArrayNode) g.get("roles")).addObject();
    managers
        .put("id", FakeDiscord.MANAGER_ROLE_ID)
        .put("name", "Managers")
        .put("permissions", "32")
        .put("position", 1)
        .put("color", 0)
        .put("hoist", false)
        .put("managed", false)
        .put("mentionable", false)
        .put("flags", 0);
    managers
        .putObject("colors")
        .put("primary_color", 0)
        .putNull("secondary_color")
        .putNull("tertiary_color");
    ObjectNode channel = g.putArray("channels").addObject();
    channel
        .put("id", FakeDiscord.CHANNEL_ID)
        .put("type", 0)
        .put("name", "general")
        .put("position", 0)
        .put("guild_id", FakeDiscord.GUILD_ID)
        .put("nsfw", false)
        .putNull("topic")
        .putNull("parent_id")
        .put("rate_limit_per_user", 0);
    channel.putArray("permission_overwrites");
    g.putArray("threads");
    g.putArray("guild_scheduled_events");
    g.putArray("emojis");
    g.putArray("stickers");
    g.putArray("voice_states");
    g.putArray("presences");
    g.putArray("stage_instances");
    ArrayNode members = g.putArray("members");
    ObjectNode self = members.addObject();
    self.set("user", botUser());
    self.putArray("roles");
    self.put("joined_at", "2024-01-01T00:00:00.000000+00:00")
        .put("deaf", false)
        .put("mute", false)
        .put("flags", 0);
    return g;
  }
}

package org.tinyseq.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The gateway side of {@link FakeDiscord}: HELLO, IDENTIFY to READY plus a complete GUILD_CREATE
 * for each guild of the identifying shard, heartbeat ACKs, RESUME to RESUMED, and dispatch of
 * interactions to the shard of their guild, as Discord routes them: {@code (guild_id >> 22) %
 * shards}. {@link #drop()} closes the connections the way a network failure or Discord's reconnect
 * request would.
 */
public final class FakeGateway extends WebSocketServer {
  private final List<String> guildIds;
  private final int shardsTotal;
  private final CountDownLatch started = new CountDownLatch(1);

  /** The live session of each shard id. */
  private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();

  /** Every session by id, closed ones too: a bot may resume after its connection dropped. */
  private final Map<String, Session> resumable = new ConcurrentHashMap<>();

  /** Numbers the sessions; shards of several processes may identify at the same time. */
  private final AtomicInteger sessionIds = new AtomicInteger();

  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final List<List<Integer>> identifiedShards = new ArrayList<>();
  private final Object sessionLock = new Object();

  /** One shard's connection and its dispatch sequence. */
  private record Session(WebSocket conn, String id, int shard, AtomicInteger sequence) {}

  FakeGateway(List<String> guildIds, int shardsTotal) {
    super(new InetSocketAddress("127.0.0.1", 0));
    this.guildIds = List.copyOf(guildIds);
    this.shardsTotal = shardsTotal;
    setReuseAddr(true);
  }

  /** The shard Discord routes a guild's events to. */
  public static int shardOf(String guildId, int shardsTotal) {
    return (int) ((Long.parseLong(guildId) >> 22) % shardsTotal);
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

  /** The {@code shard} arrays ([id, total]) of every IDENTIFY, in order. */
  public List<List<Integer>> identifiedShards() {
    synchronized (sessionLock) {
      return List.copyOf(identifiedShards);
    }
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

  /** Closes the bot's connections with 4000 (unknown error), after which a bot may resume. */
  public void drop() {
    for (Session s : sessions.values()) {
      s.conn().close(4000, "test disconnect");
    }
  }

  /** Sends an INTERACTION_CREATE dispatch to the shard of the interaction's guild. */
  public void dispatchInteraction(JsonNode interaction) {
    int shard = shardOf(interaction.path("guild_id").asText(), shardsTotal);
    Session s = sessions.get(shard);
    if (s == null) {
      throw new IllegalStateException("no gateway session for shard " + shard);
    }
    dispatch(s, "INTERACTION_CREATE", interaction);
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
      case 2 -> identify(conn, msg.path("d").path("shard"));
      case 6 -> resume(conn, msg.path("d"));
      default -> {}
    }
  }

  private void identify(WebSocket conn, JsonNode shardArray) {
    // JDA sends [id, total]; a missing array is shard 0 of 1.
    int shard = shardArray.path(0).asInt(0);
    int total = shardArray.path(1).asInt(1);
    Session s =
        new Session(conn, "session-" + sessionIds.incrementAndGet(), shard, new AtomicInteger());
    sessions.put(shard, s);
    resumable.put(s.id(), s);
    ObjectNode ready = FakeDiscord.JSON.createObjectNode();
    ready.put("v", 10);
    ready.set("user", botUser());
    ArrayNode guilds = ready.putArray("guilds");
    List<String> own = guildIds.stream().filter(g -> shardOf(g, total) == shard).toList();
    for (String g : own) {
      guilds.addObject().put("id", g).put("unavailable", true);
    }
    ready.putArray("private_channels");
    ready.putArray("relationships");
    ready.put("session_id", s.id()).put("resume_gateway_url", url());
    ready.putObject("application").put("id", FakeDiscord.BOT_ID).put("flags", 0);
    ready.putArray("shard").add(shard).add(total);
    dispatch(s, "READY", ready);
    for (String g : own) {
      dispatch(s, "GUILD_CREATE", guild(g));
    }
    synchronized (sessionLock) {
      identifies.incrementAndGet();
      identifiedShards.add(List.of(shard, total));
      sessionLock.notifyAll();
    }
  }

  private void resume(WebSocket conn, JsonNode d) {
    String id = d.path("session_id").asText();
    Session old = resumable.get(id);
    if (old == null) {
      conn.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}"); // invalid session: re-identify
      return;
    }
    Session resumed = new Session(conn, old.id(), old.shard(), old.sequence());
    sessions.put(old.shard(), resumed);
    dispatch(resumed, "RESUMED", FakeDiscord.JSON.createObjectNode());
    synchronized (sessionLock) {
      resumes.incrementAndGet();
      sessionLock.notifyAll();
    }
  }

  private static void dispatch(Session s, String type, JsonNode data) {
    ObjectNode m = FakeDiscord.JSON.createObjectNode().put("op", 0).put("t", type);
    m.put("s", s.sequence().incrementAndGet());
    m.set("d", data);
    s.conn().send(m.toString());
  }

  @Override
  public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    sessions.values().removeIf(s -> s.conn() == conn);
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
  private static ObjectNode guild(String guildId) {
    ObjectNode g = FakeDiscord.JSON.createObjectNode();
    g.put("id", guildId)
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
        .put("id", guildId)
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
        .put("id", FakeDiscord.channelOf(guildId))
        .put("type", 0)
        .put("name", "general")
        .put("position", 0)
        .put("guild_id", guildId)
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

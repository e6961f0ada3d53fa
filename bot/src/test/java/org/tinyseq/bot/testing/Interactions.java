package org.tinyseq.bot.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** INTERACTION_CREATE payloads as Discord sends them (the fields JDA reads). */
public final class Interactions {
  /** Permissions of an ordinary member (no Manage Server). */
  public static final String MEMBER_PERMISSIONS = "2147486720";

  private Interactions() {}

  /** A slash command with string or boolean options given as name/value pairs. */
  public static ObjectNode slash(String userId, String token, String command, Object... options) {
    ObjectNode i = base(userId, token, 2);
    ObjectNode data = i.putObject("data");
    data.put("id", Snowflakes.next()).put("name", command).put("type", 1);
    ArrayNode opts = data.putArray("options");
    for (int k = 0; k < options.length; k += 2) {
      ObjectNode o = opts.addObject().put("name", (String) options[k]);
      Object v = options[k + 1];
      if (v instanceof Boolean b) {
        o.put("type", 5).put("value", b);
      } else {
        o.put("type", 3).put("value", (String) v);
      }
    }
    return i;
  }

  /** A slash command's subcommand without options, e.g. {@code /model info}. */
  public static ObjectNode subcommand(String userId, String token, String command, String sub) {
    ObjectNode i = base(userId, token, 2);
    ObjectNode data = i.putObject("data");
    data.put("id", Snowflakes.next()).put("name", command).put("type", 1);
    data.putArray("options").addObject().put("name", sub).put("type", 1).putArray("options");
    return i;
  }

  /** The message context menu command {@code name} on a message with {@code content}. */
  public static ObjectNode messageCommand(
      String userId, String token, String name, String content) {
    ObjectNode i = base(userId, token, 2);
    String messageId = Snowflakes.next();
    ObjectNode data = i.putObject("data");
    data.put("id", Snowflakes.next()).put("name", name).put("type", 3).put("target_id", messageId);
    ObjectNode msg = data.putObject("resolved").putObject("messages").putObject(messageId);
    msg.put("id", messageId)
        .put("channel_id", FakeDiscord.CHANNEL_ID)
        .put("content", content)
        .put("timestamp", Instant.now().toString())
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("type", 0)
        .put("flags", 0);
    msg.set("author", FakeGateway.user("1000000000000000042", "someone"));
    msg.putArray("mentions");
    msg.putArray("mention_roles");
    msg.putArray("attachments");
    msg.putArray("embeds");
    msg.putArray("components");
    return i;
  }

  /**
   * {@code interaction} from a member holding the guild's "Managers" role (Manage Server), with the
   * member's computed {@code permissions} to match, as Discord sends them.
   */
  public static ObjectNode asGuildManager(ObjectNode interaction) {
    ObjectNode member = (ObjectNode) interaction.get("member");
    member.put("permissions", MANAGER_PERMISSIONS);
    member.putArray("roles").add(FakeDiscord.MANAGER_ROLE_ID);
    return interaction;
  }

  /** {@code interaction} as sent from the text channel of another guild. */
  public static ObjectNode inGuild(ObjectNode interaction, String guildId) {
    String channelId = FakeDiscord.channelOf(guildId);
    interaction.put("guild_id", guildId).put("channel_id", channelId);
    ((ObjectNode) interaction.get("guild")).put("id", guildId);
    ((ObjectNode) interaction.get("channel")).put("id", channelId).put("guild_id", guildId);
    ((ObjectNode) interaction.get("authorizing_integration_owners")).put("0", guildId);
    return interaction;
  }

  /** An ordinary member's permissions plus Manage Server (1 << 5). */
  public static final String MANAGER_PERMISSIONS = "2147486752";

  private static ObjectNode base(String userId, String token, int type) {
    ObjectNode i = FakeDiscord.JSON.createObjectNode();
    i.put("id", Snowflakes.next())
        .put("application_id", FakeDiscord.BOT_ID)
        .put("type", type)
        .put("token", token)
        .put("version", 1)
        .put("guild_id", FakeDiscord.GUILD_ID)
        .put("channel_id", FakeDiscord.CHANNEL_ID)
        .put("app_permissions", MEMBER_PERMISSIONS)
        .put("locale", "en-US")
        .put("guild_locale", "en-US")
        .put("context", 0)
        .put("attachment_size_limit", 10485760);
    ObjectNode guild = i.putObject("guild").put("id", FakeDiscord.GUILD_ID).put("locale", "en-US");
    guild.putArray("features");
    i.putObject("channel")
        .put("id", FakeDiscord.CHANNEL_ID)
        .put("type", 0)
        .put("name", "general")
        .put("guild_id", FakeDiscord.GUILD_ID);
    ObjectNode member = i.putObject("member");
    member.set("user", FakeGateway.user(userId, "user" + userId.substring(userId.length() - 4)));
    member.putArray("roles");
    member
        .put("joined_at", "2024-01-01T00:00:00.000000+00:00")
        .put("permissions", MEMBER_PERMISSIONS)
        .put("deaf", false)
        .put("mute", false)
        .put("flags", 0)
        .put("pending", false);
    i.putObject("authorizing_integration_owners").put("0", FakeDiscord.GUILD_ID);
    i.putArray("entitlements");
    return i;
  }
}

package org.tinyseq.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST request the bot made, and the status the fake server answered.
 *
 * @param client the bot process that made it ({@link FakeDiscord#apiBaseUrl(String)}); empty for
 *     the plain {@link FakeDiscord#apiBaseUrl()}
 * @param path below the API root, e.g. {@code /interactions/1/tok/callback}
 * @param body the JSON body, or null
 */
public record RestCall(
    String client, String method, String path, String query, JsonNode body, int status) {
  public boolean is(String method, String pathRegex) {
    return this.method.equals(method) && path.matches(pathRegex);
  }

  /** The interaction callback's type, or -1. */
  public int callbackType() {
    return body == null ? -1 : body.path("type").asInt(-1);
  }

  /** The message content: callback {@code data.content}, or a message body's {@code content}. */
  public String content() {
    if (body == null) {
      return null;
    }
    JsonNode data = body.has("data") ? body.get("data") : body;
    return data.path("content").asText(null);
  }

  /** The message's {@code allowed_mentions}, wherever the body holds it. */
  public JsonNode allowedMentions() {
    JsonNode data = body != null && body.has("data") ? body.get("data") : body;
    return data == null ? null : data.get("allowed_mentions");
  }

  /** True when the message flags include EPHEMERAL (64). */
  public boolean ephemeral() {
    JsonNode data = body != null && body.has("data") ? body.get("data") : body;
    return data != null && (data.path("flags").asInt(0) & 64) != 0;
  }
}

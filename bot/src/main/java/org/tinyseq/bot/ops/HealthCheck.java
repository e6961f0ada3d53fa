package org.tinyseq.bot.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The container's {@code HEALTHCHECK}: asks {@code http://127.0.0.1:$HEALTH_PORT/health} and exits
 * 0 when it answers 200, 1 otherwise, printing the answer. A Java client, so the image needs no
 * curl: {@code java -cp bot.jar org.tinyseq.bot.ops.HealthCheck [port]}.
 */
public final class HealthCheck {
  private static final int TIMEOUT_MS = 5_000;

  private HealthCheck() {}

  public static void main(String[] args) {
    String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("HEALTH_PORT", "8080");
    System.exit(check(port) ? 0 : 1);
  }

  static boolean check(String port) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      int status = c.getResponseCode();
      InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
      String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
      System.out.print(status + " " + text);
      return status == 200;
    } catch (IOException | IllegalArgumentException e) {
      System.out.println("health check failed: " + e.getMessage());
      return false;
    }
  }
}

package org.tinyseq.bot.ops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.tinyseq.bot.ops.RequestIds;

/** Loads the real logback.xml in a private logger context, under each LOG_FORMAT. */
class LoggingConfigurationTest {
  private static final String TOKEN =
      "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB";

  @AfterEach
  void clear() {
    System.clearProperty(LogFormat.VARIABLE);
  }

  @Test
  void theSwitchNamesTheAppender() {
    assertEquals("json", LogFormat.appender("json"));
    assertEquals("json", LogFormat.appender(" JSON "));
    assertEquals("plain", LogFormat.appender("plain"));
    assertEquals("plain", LogFormat.appender(null));
    assertEquals("plain", LogFormat.appender("xml"));
  }

  @Test
  void plainLinesCarryTheRequestIdAndNeverTheToken() throws Exception {
    String out = logOneLine("plain");
    assertTrue(
        out.matches("(?s)\\d{4}-\\d\\d-\\d\\dT.*INFO .*\\[r-[0-9a-f]{8} translate\\] - .*"), out);
    assertTrue(out.contains("token is [masked]"), out);
    assertFalse(out.contains(TOKEN), out);
  }

  @Test
  void jsonLinesAreOneObjectWithTheMdc() throws Exception {
    String out = logOneLine("json");
    JsonNode line = new ObjectMapper().readTree(out.strip());
    assertEquals("INFO", line.get("level").asText());
    assertEquals("translate", line.at("/mdc/command").asText());
    assertTrue(line.at("/mdc/requestId").asText().startsWith("r-"));
    assertEquals("hello; token is [masked]", line.get("formattedMessage").asText());
    assertFalse(out.contains(TOKEN));
  }

  /** Configures a fresh context from logback.xml with LOG_FORMAT={@code format}; logs one line. */
  private static String logOneLine(String format) throws Exception {
    System.setProperty(LogFormat.VARIABLE, format);
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(MDC.getMDCAdapter()); // the MDC that RequestIds writes to
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LoggingConfigurationTest.class.getResource("/logback.xml"));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    var appender = (OutputStreamAppender<?>) root.getAppender("CONSOLE");
    assertTrue(appender != null && appender.isStarted(), "the console appender runs");
    assertEquals(
        List.of(),
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN)
            .map(Status::getMessage)
            .toList(),
        "no warning from the configuration (logback would print its status)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    appender.setOutputStream(bytes);
    try (RequestIds.Scope ids = RequestIds.open("translate")) {
      context.getLogger("org.tinyseq.test").info("hello; token is {}", TOKEN);
    }
    context.stop();
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

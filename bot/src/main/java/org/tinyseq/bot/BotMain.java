package org.tinyseq.bot;

import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.config.BotConfig;
import org.tinyseq.bot.config.ConfigException;
import org.tinyseq.bot.config.Settings;
import org.tinyseq.bot.console.ConsoleMode;
import org.tinyseq.bot.discord.DiscordBot;
import org.tinyseq.bot.discord.InteractionExecutor;
import org.tinyseq.bot.ops.BotMetrics;
import org.tinyseq.bot.ops.OpsServer;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;

/**
 * Entry point of bot.jar. With a token it runs the Discord bot until SIGTERM; without one it runs
 * the console on standard input. Startup problems end in a one-line message and a non-zero exit
 * code: {@value #EXIT_FAILURE} when the models cannot be loaded or Discord cannot be reached,
 * {@value #EXIT_CONFIG} for a malformed configuration value, {@value #EXIT_BAD_TOKEN} when Discord
 * refuses the token. 3 is left to the JVM ({@code -XX:+ExitOnOutOfMemoryError} exits with it).
 */
public final class BotMain {
  /** Exit code when the models cannot be loaded or Discord cannot be reached. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code for a malformed configuration value (the message names the key). */
  public static final int EXIT_CONFIG = 2;

  /** Exit code when Discord refuses the token: retrying will not help until the token changes. */
  public static final int EXIT_BAD_TOKEN = 4;

  /** Returned by {@link #run} when the process should keep running (the Discord bot). */
  static final int KEEP_RUNNING = -1;

  private static final Logger log = LoggerFactory.getLogger(BotMain.class);

  private BotMain() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println("Usage: java -jar bot.jar");
      out.println("  With DISCORD_TOKEN (or DISCORD_TOKEN_FILE) set: the Discord bot.");
      out.println(
          "  Without: a console on the models; type /help there. Configuration: docs/bot.md.");
      return;
    }
    int code = run(System.getenv(), System.in, out, err, System.console() != null);
    if (code != KEEP_RUNNING) {
      System.exit(code);
    }
  }

  /** Runs the bot; returns the exit code, or {@link #KEEP_RUNNING} for the Discord bot. */
  static int run(
      Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean tty) {
    BotConfig config;
    try {
      config = BotConfig.from(Settings.load(env));
    } catch (ConfigException e) {
      err.println("tinyseq: configuration error: " + e.getMessage());
      return EXIT_CONFIG;
    }
    if (config.consoleMode() && !env.containsKey("LOG_LEVEL")) {
      quietLogs(); // model loading chatter would mix with the console's answers
    }
    ModelService service;
    try {
      service = ModelService.create(config.service());
    } catch (RuntimeException e) {
      err.println("tinyseq: cannot load the models: " + e.getMessage());
      return EXIT_FAILURE;
    }
    ExecutorService executor =
        InteractionExecutor.bounded(
            config.workerThreads(), config.workerQueue(), named("bot-worker"));
    BotCommands commands = BotCommands.of(config, service, executor);
    commands.rateLimiter().addRefusalListener(d -> BotMetrics.global().rateLimitRefused(d.scope()));
    return config.consoleMode()
        ? runConsole(config, service, commands, executor, in, out, err, tty)
        : runDiscord(config, service, commands, executor, err);
  }

  private static int runConsole(
      BotConfig config,
      ModelService service,
      BotCommands commands,
      ExecutorService executor,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean tty) {
    AutoCloseable ops = () -> {};
    // docker stop sends SIGTERM to a console too: release the models and the watcher.
    Thread hook = new Thread(service::close, "tinyseq-console-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ops = startOps(config, service, () -> modelsLoaded(service));
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      new ConsoleMode(commands, service, reader, out, tty).run();
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("tinyseq: " + e.getMessage());
      return EXIT_FAILURE;
    } finally {
      closeQuietly(ops);
      executor.shutdown();
      service.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running
      }
    }
  }

  private static int runDiscord(
      BotConfig config,
      ModelService service,
      BotCommands commands,
      ExecutorService executor,
      PrintStream err) {
    DiscordBot bot;
    try {
      bot = DiscordBot.start(config, commands, executor);
    } catch (InvalidTokenException e) {
      err.println(
          "tinyseq: Discord refused the token (401 Unauthorized); check DISCORD_TOKEN or"
              + " DISCORD_TOKEN_FILE.");
      executor.shutdown();
      service.close();
      return EXIT_BAD_TOKEN;
    } catch (RuntimeException e) {
      err.println("tinyseq: cannot connect to Discord: " + e.getMessage());
      executor.shutdown();
      service.close();
      return EXIT_FAILURE;
    }
    AutoCloseable ops;
    try {
      ops = startOps(config, service, () -> modelsLoaded(service) && bot.connected());
    } catch (RuntimeException e) {
      err.println("tinyseq: " + e.getMessage());
      bot.close();
      executor.shutdown();
      service.close();
      return EXIT_FAILURE;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> shutdown(bot, ops, executor, service), "tinyseq-shutdown"));
    return KEEP_RUNNING;
  }

  /** SIGTERM: stop taking interactions, finish those in flight, close JDA, then the models. */
  static void shutdown(
      DiscordBot bot, AutoCloseable ops, ExecutorService executor, ModelService service) {
    log.info("Shutting down: finishing {} interaction(s) in flight", bot.inFlight());
    bot.close();
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(ops);
    service.close();
    log.info("Stopped");
  }

  private static AutoCloseable startOps(
      BotConfig config, ModelService service, BooleanSupplier ready) {
    return config.healthPort().isPresent()
        ? OpsServer.start(config.healthBind(), config.healthPort().getAsInt(), service, ready)
        : () -> {};
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Closing {}: {}", c, e.toString());
    }
  }

  static boolean modelsLoaded(ModelService service) {
    for (Command c : Command.values()) {
      if (!service.info(c).available()) {
        return false;
      }
    }
    return true;
  }

  private static void quietLogs() {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(Level.WARN);
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

package org.tinyseq.bot.commands.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelInfo;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.ReloadReport;
import org.tinyseq.serve.ServiceStats;

/**
 * {@code /model info} reports the serving models; {@code /model reload} rescans the models folder
 * on an operator's request. Two subcommands because a slash command cannot be both invocable bare
 * and have subcommands (the console's bare {@code /model} is {@code info}).
 */
public final class ModelCommand implements BotCommand {
  private static final Logger log = LoggerFactory.getLogger(ModelCommand.class);

  /** Absolute paths and their folders: the server's file system is nobody's business on Discord. */
  private static final Pattern ABSOLUTE_PATH =
      Pattern.compile("(?<![\\w.])/(?:[^\\s/:;,()'\"]+/)+");

  public static final String NAME = "model";
  public static final String INFO = "info";
  public static final String RELOAD = "reload";

  private static final CommandDefinition DEFINITION =
      CommandDefinition.slash(NAME, "The models behind the commands")
          .withSubcommand(INFO, "Model versions, validation figures and cache hit rate")
          .withSubcommand(RELOAD, "Rescan the models folder now (operators only)");

  private final ModelService service;
  private final OperatorPolicy operators;
  private final Executor executor;

  public ModelCommand(ModelService service, OperatorPolicy operators, Executor executor) {
    this.service = service;
    this.operators = operators;
    this.executor = executor;
  }

  @Override
  public CommandDefinition definition() {
    return DEFINITION;
  }

  @Override
  public Answer handle(Invocation in) {
    if (!RELOAD.equals(in.subcommand())) {
      return info();
    }
    return in.local() ? reloadLocal() : reload(in.userId(), in.managesGuild());
  }

  /** Versions and validation figures per command, and the cache hit rate. */
  Answer info() {
    StringBuilder sb = new StringBuilder("**Models**\n");
    for (Command c : Command.values()) {
      sb.append(describe(c, service.info(c))).append('\n');
    }
    ServiceStats s = service.stats();
    sb.append(
        String.format(
            Locale.ROOT,
            "Cache: %.0f%% hit rate (%d hits, %d misses, %d entries)",
            s.cacheHitRate() * 100,
            s.cacheHits(),
            s.cacheMisses(),
            s.cacheSize()));
    return new Answer.Now(BotReply.info(sb.toString()));
  }

  /** Rescans the models folder when {@code userId} is an operator; refuses otherwise. */
  Answer reload(String userId, boolean managesGuild) {
    if (!operators.isOperator(userId, managesGuild)) {
      return new Answer.Now(BotReply.rejected("Only the bot's operators can reload the models."));
    }
    return reloadLocal();
  }

  /** Rescans the models folder for the console user, who runs the process and so operates it. */
  Answer reloadLocal() {
    CompletableFuture<BotReply> later =
        CompletableFuture.supplyAsync(() -> BotReply.info(describe(service.reload())), executor)
            .exceptionally(
                e -> {
                  log.warn("Reload failed", e);
                  return BotReply.failed("The reload failed; see the bot's log.");
                });
    return new Answer.Later(later, true);
  }

  /** How users know the command: {@code /translate} serves both directions. */
  static String label(Command c) {
    return switch (c) {
      case TRANSLATE -> "`/translate` English → Chinese";
      case TRANSLATE_ZH_EN -> "`/translate` Chinese → English";
      case CHAT -> "`/chat`";
    };
  }

  static String describe(Command c, ModelInfo info) {
    if (!info.available()) {
      return label(c) + ": no model loaded";
    }
    StringBuilder sb = new StringBuilder(label(c)).append(": ");
    sb.append('`').append(info.version()).append('`');
    String figures = figures(info.metrics());
    if (!figures.isEmpty()) {
      sb.append(" — ").append(figures);
    }
    if (info.loadedAt() != null) {
      sb.append(" (since ").append(since(info.loadedAt())).append(')');
    }
    String parts = chatParts(info.metrics());
    sb.append("; ").append(parts.isEmpty() ? memory(info) : parts);
    return sb.toString();
  }

  /**
   * A chat bundle's parts for the ranked path, from its manifest: "ranked replies: pool 350662
   * pairs, reverse model chat-..., λ 1, k 8, N 0, hits@1/20 20.75 (retrieval alone 15.45)"; empty
   * for a bundle without a pool.
   */
  static String chatParts(Map<String, Object> metrics) {
    if (metrics == null || !(metrics.get("pool") instanceof Map<?, ?> pool)) {
      return "";
    }
    StringBuilder sb = new StringBuilder("ranked replies: pool ").append(pool.get("pairs"));
    sb.append(" pairs");
    if (metrics.get("reverse") instanceof Map<?, ?> reverse) {
      sb.append(", reverse model ").append(reverse.get("version"));
    }
    if (metrics.get("chatRanking") instanceof Map<?, ?> r) {
      sb.append(", λ ").append(number(r.get("lambda")));
      sb.append(", k ").append(r.get("retrieved"));
      sb.append(", N ").append(r.get("generated"));
    }
    if (metrics.get("chatEval") instanceof Map<?, ?> eval
        && eval.get("rerank both ways") instanceof Map<?, ?> ranked) {
      sb.append(", hits@1/20 ").append(number(ranked.get("hitsAt1Of20")));
      if (eval.get("retrieval alone (top-1)") instanceof Map<?, ?> alone) {
        sb.append(" (retrieval alone ").append(number(alone.get("hitsAt1Of20"))).append(')');
      }
    }
    return sb.toString();
  }

  /** "memory 23556 entries, threshold 0.348" (or why there is none). */
  static String memory(ModelInfo info) {
    if (info.memoryEntries() == 0 && Double.isNaN(info.memoryThreshold())) {
      return "no example memory";
    }
    return "memory "
        + info.memoryEntries()
        + " entries, threshold "
        + trim(info.memoryThreshold())
        + (info.memoryOn() ? "" : " (off)");
  }

  /**
   * {@code line} with every absolute path cut down to its last element, e.g. {@code
   * /srv/models/translate/bad: ...} becomes {@code bad: ...}: replies never show server paths (the
   * log has them in full).
   */
  static String withoutPaths(String line) {
    return ABSOLUTE_PATH.matcher(line).replaceAll("");
  }

  static String describe(ReloadReport r) {
    StringBuilder sb = new StringBuilder("**Reload**\n");
    sb.append(r.loaded().isEmpty() ? "Nothing new loaded." : "Loaded: " + r.loaded());
    if (!r.refused().isEmpty()) {
      sb.append("\nRefused:");
      r.refused().forEach(x -> sb.append("\n- ").append(withoutPaths(x)));
    }
    sb.append("\nServing: ");
    new TreeMap<>(r.current()).forEach((k, v) -> sb.append(k).append(" `").append(v).append("` "));
    return sb.toString().strip();
  }

  /** "bleu 12.3, chrf 31.0" from the manifest's metrics, numbers rounded, keys sorted. */
  static String figures(Map<String, Object> metrics) {
    if (metrics == null || metrics.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(metrics)
        .forEach(
            (k, v) -> {
              if (v instanceof Map<?, ?> || v instanceof Iterable<?>) {
                return; // nested structures do not fit one line
              }
              if (sb.length() > 0) {
                sb.append(", ");
              }
              sb.append(k).append(' ').append(number(v));
            });
    return sb.toString();
  }

  private static String number(Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : trim(d);
    }
    return String.valueOf(v);
  }

  private static String trim(double d) {
    String s = String.format(Locale.ROOT, "%.3f", d);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static String since(Instant loadedAt) {
    return loadedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}

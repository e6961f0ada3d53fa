package org.tinyseq.bot.discord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.command.GenericCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.ops.BotMetrics;
import org.tinyseq.bot.ops.RequestIds;
import org.tinyseq.bot.reply.BotReply;

/**
 * Registers the commands once connected and answers interactions. JDA calls it on its gateway
 * thread, so it only hands each interaction to the bot's executor; handlers, cache lookups and
 * Discord replies run there.
 */
final class InteractionListener extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(InteractionListener.class);
  static final BotReply BUSY = BotReply.failed("I am busy; please try again in a moment.");

  private final BotCommands commands;
  private final Executor executor;
  private final InFlight inFlight;
  private final Optional<String> devGuild;
  private final List<CommandData> catalog;
  private final AtomicBoolean registered = new AtomicBoolean();

  InteractionListener(
      BotCommands commands, Executor executor, InFlight inFlight, Optional<String> devGuild) {
    this.commands = commands;
    this.executor = executor;
    this.inFlight = inFlight;
    this.devGuild = devGuild;
    this.catalog = CommandCatalog.commands(commands.all());
  }

  @Override
  public void onReady(ReadyEvent event) {
    // Global commands are one set for the application: shard 0 registers them.
    if (devGuild.isEmpty()
        && event.getJDA().getShardInfo().getShardId() == 0
        && registered.compareAndSet(false, true)) {
      event
          .getJDA()
          .updateCommands()
          .addCommands(catalog)
          .queue(
              ok -> log.info("Registered {} global commands", ok.size()),
              e -> log.error("Could not register the global commands: {}", e.toString()));
    }
  }

  @Override
  public void onGuildReady(GuildReadyEvent event) {
    if (devGuild.isPresent()
        && devGuild.get().equals(event.getGuild().getId())
        && registered.compareAndSet(false, true)) {
      event
          .getGuild()
          .updateCommands()
          .addCommands(catalog)
          .queue(
              ok -> log.info("Registered {} commands to guild {}", ok.size(), devGuild.get()),
              e -> log.error("Could not register the guild commands: {}", e.toString()));
    }
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    accept(
        event,
        () ->
            dispatch(
                CommandDefinition.Kind.SLASH,
                event,
                event.getSubcommandName(),
                options(event.getOptions()),
                ""));
  }

  @Override
  public void onMessageContextInteraction(MessageContextInteractionEvent event) {
    accept(
        event,
        () ->
            dispatch(
                CommandDefinition.Kind.MESSAGE_MENU,
                event,
                null,
                Map.of(),
                event.getTarget().getContentRaw()));
  }

  private void accept(GenericCommandInteractionEvent event, Supplier<Answer> handler) {
    if (!inFlight.tryEnter()) {
      Responder.send(
          event, new Answer.Now(BotReply.failed("I am restarting; please try again in a minute.")));
      return;
    }
    try (RequestIds.Scope ids = RequestIds.open(event.getFullCommandName())) {
      log.debug("Interaction {} from user {}", event.getId(), event.getUser().getId());
      executor.execute(ids.wrap(() -> answer(event, handler)));
    } catch (RejectedExecutionException e) {
      inFlight.exit();
      if (executor instanceof ExecutorService pool && pool.isShutdown()) {
        Responder.send(
            event,
            new Answer.Now(BotReply.failed("I am restarting; please try again in a minute.")));
      } else {
        // The bounded queue is full: answer now, within Discord's 3 s, rather than too late.
        BotMetrics.global().interactionBusy();
        Responder.send(event, new Answer.Now(BUSY));
      }
    }
  }

  private void answer(GenericCommandInteractionEvent event, Supplier<Answer> handler) {
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    try {
      Answer answer;
      try {
        answer = handler.get();
      } catch (RuntimeException | LinkageError e) {
        // The user gets a short apology, the log the details; the interaction never hangs.
        log.error("Command /{} failed", event.getFullCommandName(), e);
        answer = new Answer.Now(BotReply.failed("Something went wrong on my side; sorry."));
      }
      done = Responder.send(event, answer);
    } catch (RuntimeException | LinkageError e) {
      log.error("Could not answer /{}", event.getFullCommandName(), e);
    } finally {
      done.whenComplete((v, e) -> inFlight.exit());
    }
  }

  private Answer dispatch(
      CommandDefinition.Kind kind,
      GenericCommandInteractionEvent event,
      String subcommand,
      Map<String, Object> options,
      String targetText) {
    boolean managesGuild =
        event.getMember() != null && event.getMember().hasPermission(Permission.MANAGE_SERVER);
    Invocation invocation =
        new Invocation(
            userId(event), guildId(event), managesGuild, false, subcommand, options, targetText);
    return commands
        .find(kind, event.getName())
        .map(c -> c.handle(invocation))
        .orElseGet(InteractionListener::unknown);
  }

  /** Option values as the commands read them: text as strings, true/false as booleans. */
  private static Map<String, Object> options(List<OptionMapping> mappings) {
    Map<String, Object> values = new HashMap<>();
    for (OptionMapping o : mappings) {
      values.put(
          o.getName(), o.getType() == OptionType.BOOLEAN ? o.getAsBoolean() : o.getAsString());
    }
    return values;
  }

  private static Answer unknown() {
    return new Answer.Now(BotReply.rejected("I do not know that command anymore."));
  }

  private static String userId(GenericCommandInteractionEvent event) {
    return event.getUser().getId();
  }

  private static String guildId(GenericCommandInteractionEvent event) {
    return event.getGuild() == null ? null : event.getGuild().getId();
  }
}

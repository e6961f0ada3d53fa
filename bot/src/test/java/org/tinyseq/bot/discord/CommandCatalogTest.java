package org.tinyseq.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.commands.model.OperatorPolicy;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.testing.FakeModelService;

class CommandCatalogTest {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private List<CommandData> catalog(int maxInputChars) {
    BotCommands commands =
        new BotCommands(
            new FakeModelService(),
            new RateLimiter(6, 60),
            new OperatorPolicy(Set.of(), true),
            maxInputChars,
            executor);
    return CommandCatalog.commands(commands.all());
  }

  /** What Discord receives, written out by hand: the commands' definitions must give exactly it. */
  private static List<CommandData> expected(int maxLength) {
    return List.of(
        Commands.slash("translate", "Translate English into Chinese, or Chinese into English")
            .addOptions(
                new OptionData(
                        OptionType.STRING, "text", "The English or Chinese text to translate", true)
                    .setMaxLength(maxLength),
                new OptionData(
                        OptionType.STRING,
                        "to",
                        "The language to translate into (default: the other one of the text)",
                        false)
                    .addChoice("auto", "auto")
                    .addChoice("English", "english")
                    .addChoice("Chinese", "chinese"),
                new OptionData(
                    OptionType.BOOLEAN, "private", "Show the translation to you only", false)),
        Commands.slash("chat", "Chat with the bot")
            .addOptions(
                new OptionData(OptionType.STRING, "message", "What you want to say", true)
                    .setMaxLength(maxLength)),
        Commands.message("Translate message"),
        Commands.slash("model", "The models behind the commands")
            .addSubcommands(
                new SubcommandData("info", "Model versions, validation figures and cache hit rate"),
                new SubcommandData("reload", "Rescan the models folder now (operators only)")));
  }

  private static List<String> json(List<CommandData> data) {
    return data.stream().map(d -> d.toData().toString()).toList();
  }

  @Test
  void catalogIsTheCommandsDefinitions() {
    assertEquals(json(expected(500)), json(catalog(500)));
  }

  @Test
  void textLimitIsCappedAtDiscordsMaximum() {
    assertEquals(json(expected(6000)), json(catalog(100_000)));
    assertTrue(json(catalog(100_000)).get(0).contains("\"max_length\":6000"));
  }
}

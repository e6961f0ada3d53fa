package org.tinyseq.bot.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.console.ConsoleMode;
import org.tinyseq.bot.discord.CommandCatalog;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.testing.FakeModelService;

/** A command is one class and one entry in the list: Discord and the console both pick it up. */
class AddACommandTest {

  /** The example of docs/bot.md, "Add a command". */
  static final class EchoCommand implements BotCommand {
    @Override
    public CommandDefinition definition() {
      return CommandDefinition.slash("echo", "Say it back")
          .withText("words", "What to say", true, 100);
    }

    @Override
    public Answer handle(Invocation in) {
      return Answer.now(BotReply.answer(in.text("words"), false));
    }
  }

  private final BotCommands commands =
      new BotCommands(List.of(new EchoCommand()), new RateLimiter(6, 60));

  @Test
  void discordCatalogDeclaresItWithItsLimit() {
    String json = CommandCatalog.commands(commands.all()).get(0).toData().toString();
    assertTrue(json.contains("\"name\":\"echo\""), json);
    assertTrue(json.contains("\"name\":\"words\""), json);
    assertTrue(json.contains("\"max_length\":100"), json);
  }

  @Test
  void discordDispatchFindsItByKindAndName() {
    Invocation in = Invocation.slash("u", "g", java.util.Map.of("words", "hello there"));
    assertEquals(
        "hello there",
        commands
            .find(CommandDefinition.Kind.SLASH, "echo")
            .orElseThrow()
            .handle(in)
            .await()
            .text());
    assertTrue(commands.find(CommandDefinition.Kind.MESSAGE_MENU, "echo").isEmpty());
  }

  @Test
  void consoleRunsItAndHelpListsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ConsoleMode(
            commands,
            new FakeModelService(),
            new BufferedReader(new StringReader("/echo hello there\n/help\n")),
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false)
        .run();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("hello there\n"), out);
    assertTrue(out.contains("/echo <words>"), out);
    assertTrue(out.contains("Say it back"), out);
  }
}

package org.tinyseq.bot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;

/**
 * Reads command lines ({@code /translate Hello.}, {@code /chat hi}, {@code /model}, {@code /help})
 * and prints the answers. Interactive sessions get a banner and a prompt; piped input gets the
 * answers only, one block per line, so the output is easy to read by scripts. EOF or {@code /quit}
 * ends it.
 */
public final class ConsoleMode {
  private static final String PROMPT = "> ";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";
  private final BotCommands commands;
  private final ModelService service;
  private final BufferedReader in;
  private final PrintStream out;
  private final boolean interactive;

  public ConsoleMode(
      BotCommands commands,
      ModelService service,
      BufferedReader in,
      PrintStream out,
      boolean interactive) {
    this.commands = commands;
    this.service = service;
    this.in = in;
    this.out = out;
    this.interactive = interactive;
  }

  /** Runs until EOF or {@code /quit}. */
  public void run() throws IOException {
    if (interactive) {
      out.println(
          "tinyseq console: English-Chinese translation both ways and chat, no Discord needed.");
      out.println(
          "Models: translate "
              + version(Command.TRANSLATE)
              + ", translate-zh-en "
              + version(Command.TRANSLATE_ZH_EN)
              + ", chat "
              + version(Command.CHAT)
              + ". Type /help for the commands.");
      out.print(PROMPT);
      out.flush();
    }
    String line;
    while ((line = in.readLine()) != null) {
      String trimmed = line.strip();
      if (trimmed.equals("/quit") || trimmed.equals("/exit")) {
        break;
      }
      if (!trimmed.isEmpty()) {
        print(execute(trimmed));
      }
      if (interactive) {
        out.print(PROMPT);
        out.flush();
      }
    }
    if (interactive) {
      out.println();
    }
    out.flush();
  }

  /** The answer to one command line (public for tests and tools). */
  public BotReply execute(String line) {
    if (!line.startsWith("/")) {
      return consoleCommands()
          .filter(c -> c.definition().answersPlainLines())
          .findFirst()
          .map(c -> run(c, line))
          .orElseGet(() -> BotReply.rejected("Commands start with /. Type /help for the list."));
    }
    int space = line.indexOf(' ');
    String name =
        (space < 0 ? line.substring(1) : line.substring(1, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : line.substring(space + 1).strip();
    if (name.equals("help") || name.equals("?")) {
      return BotReply.info(help());
    }
    return consoleCommands()
        .filter(
            c ->
                c.definition().name().equals(name)
                    || c.definition().consoleAliases().contains(name))
        .findFirst()
        .map(c -> run(c, rest))
        .orElseGet(
            () -> BotReply.rejected("Unknown command /" + name + ". Type /help for the list."));
  }

  /**
   * Runs {@code command} with the rest of the line: the subcommand's name (none = the first), or
   * the value of its text option.
   */
  private BotReply run(BotCommand command, String rest) {
    CommandDefinition d = command.definition();
    String subcommand = null;
    Map<String, Object> options = Map.of();
    if (!d.subcommands().isEmpty()) {
      String word = rest.toLowerCase(Locale.ROOT);
      subcommand =
          word.isEmpty()
              ? d.subcommands().get(0).name()
              : d.subcommands().stream()
                  .map(CommandDefinition.Subcommand::name)
                  .filter(word::equals)
                  .findFirst()
                  .orElse(null);
      if (subcommand == null) {
        return BotReply.rejected(
            "Usage: " + usages(d).stream().map(Usage::line).collect(Collectors.joining(" or ")));
      }
    } else if (d.textOption().isPresent()) {
      options = Map.of(d.textOption().get().name(), rest);
    }
    return command.handle(Invocation.console(subcommand, options)).await();
  }

  /** The slash commands; message-menu commands need a message to point at. */
  private Stream<BotCommand> consoleCommands() {
    return commands.all().stream()
        .filter(c -> c.definition().kind() == CommandDefinition.Kind.SLASH);
  }

  /** The command list, from the commands' own definitions. */
  private String help() {
    List<String> lines = new ArrayList<>();
    lines.add("Commands:");
    consoleCommands().forEach(c -> usages(c.definition()).forEach(u -> lines.add(u.format())));
    lines.add(new Usage("/help", "this list").format());
    lines.add(new Usage("/quit", "leave (or Ctrl-D)").format());
    return String.join("\n", lines);
  }

  /** One line of the help: how to type it, what it does. */
  private record Usage(String line, String description) {
    String format() {
      return String.format(Locale.ROOT, "  %-28s%s", line, description);
    }
  }

  /** "/translate <text>", or one usage per subcommand (the first one bare). */
  private static List<Usage> usages(CommandDefinition d) {
    List<Usage> usages = new ArrayList<>();
    if (d.subcommands().isEmpty()) {
      String line = "/" + d.name() + d.textOption().map(o -> " <" + o.name() + ">").orElse("");
      String description =
          d.description() + (d.answersPlainLines() ? " (a line without / does the same)" : "");
      usages.add(new Usage(line, description));
    }
    for (int i = 0; i < d.subcommands().size(); i++) {
      CommandDefinition.Subcommand s = d.subcommands().get(i);
      usages.add(new Usage("/" + d.name() + (i == 0 ? "" : " " + s.name()), s.description()));
    }
    return usages;
  }

  private void print(BotReply reply) {
    String text = plain(reply.text());
    out.println(reply.isError() ? "! " + text : text);
    if (interactive && !reply.note().isEmpty()) {
      out.println(DIM + "  " + reply.note() + RESET); // a person likes to know; scripts do not
    }
    out.flush();
  }

  /** Discord's markdown (bold, inline code) is noise on a terminal. */
  private static String plain(String text) {
    return text.replace("**", "").replace("`", "");
  }

  private String version(Command command) {
    var info = service.info(command);
    return info.available() ? info.version() : "(none)";
  }
}

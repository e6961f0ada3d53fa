package org.tinyseq.bot.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.commands.CommandRequest;
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
  /** The console's user id for rate limits; the console user operates the process. */
  public static final String USER = "console";

  private static final String PROMPT = "> ";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";
  private static final String HELP =
      String.join(
          "\n",
          "Commands:",
          "  /translate <English text>   translate into Chinese (a line without / does the same)",
          "  /chat <message>             a reply from the chat model",
          "  /model                      model versions, validation figures, cache hit rate",
          "  /model reload               rescan the models folder now",
          "  /help                       this list",
          "  /quit                       leave (or Ctrl-D)");

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
      out.println("tinyseq console: English to Chinese translation and chat, no Discord needed.");
      out.println(
          "Models: translate "
              + version(Command.TRANSLATE)
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
      return ask(Command.TRANSLATE, line);
    }
    int space = line.indexOf(' ');
    String name =
        (space < 0 ? line.substring(1) : line.substring(1, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : line.substring(space + 1).strip();
    return switch (name) {
      case "translate", "t" -> ask(Command.TRANSLATE, rest);
      case "chat", "c" -> ask(Command.CHAT, rest);
      case "model" ->
          switch (rest.toLowerCase(Locale.ROOT)) {
            case "", "info" -> commands.model().info().await();
            case "reload" -> commands.model().reloadLocal().await();
            default -> BotReply.rejected("Usage: /model or /model reload");
          };
      case "help", "?" -> BotReply.info(HELP);
      default -> BotReply.rejected("Unknown command /" + name + ". Type /help for the list.");
    };
  }

  private BotReply ask(Command command, String text) {
    CommandRequest request = new CommandRequest(USER, null, text, false);
    Answer answer =
        command == Command.TRANSLATE
            ? commands.translate().handle(request)
            : commands.chat().handle(request);
    return answer.await();
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

package org.tinyseq.train.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.serve.text.TextNormalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Reads sentences on standard input, one a line, and writes one decoding (greedy, or beam search
 * with {@code --beam}) a line, in the same order; an empty line gives an empty line. With {@code
 * --memory on} (the default) a line close enough to a training source is answered from the bundle's
 * example memory, as the bot does. Lines are decoded in batches of what has already arrived, so
 * piping a file is fast and typing a line answers at once.
 */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = "Decode sentences from standard input, one a line, to standard output.")
public final class TranslateCommand implements Callable<Integer> {
  @ParentCommand ModelCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "<bundle>",
      description = "bundle directory, default:translate or default:chat")
  String model;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "decode at most N characters (default and cap: the bundle's maxTargetLength)")
  Integer maxSteps;

  @Option(
      names = "--batch",
      defaultValue = "64",
      paramLabel = "N",
      description = "decode up to N lines together (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--beam",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "beam search with N hypotheses (default: ${DEFAULT-VALUE}, greedy; see"
              + " docs/serving-decoder.md)")
  int beam;

  @Option(
      names = "--memory",
      defaultValue = "on",
      paramLabel = "on|off",
      description =
          "on: answer from the bundle's example memory when a line matches a training source at"
              + " or above the bundle's threshold, else decode; off: always decode (default:"
              + " ${DEFAULT-VALUE})")
  OnOff memory;

  @Mixin ChatPathOptions chatPath;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || beam < 1 || (maxSteps != null && maxSteps < 1)) {
      throw new ParameterException(
          spec.commandLine(), "--batch, --beam and --max-steps must be >= 1");
    }
    Bundle bundle = Models.load(model);
    GreedyDecoder decoder = GreedyDecoder.of(bundle);
    ExampleMemory examples = memory.on() ? bundle.memory() : null;
    int steps = maxSteps != null ? maxSteps : decoder.bundle().architecture().maxTargetLength();
    PrintWriter out = spec.commandLine().getOut();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8));
    // A chat bundle with a pool answers as the bot does (retrieve, generate, score); --memory off
    // keeps meaning "the decoder alone".
    ChatAnswerer chat = memory.on() ? chatPath.answerer(bundle, steps) : null;
    String line;
    if (chat != null) {
      while ((line = in.readLine()) != null) {
        String text = TextNormalizer.normalize(line);
        out.println(text.isEmpty() ? "" : chat.reply(text).text());
        out.flush();
      }
      return 0;
    }
    List<String> pending = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      pending.add(line);
      if (pending.size() >= batch || !in.ready()) {
        writeBatch(decoder, examples, pending, steps, beam, out);
      }
    }
    writeBatch(decoder, examples, pending, steps, beam, out);
    return 0;
  }

  private static void writeBatch(
      GreedyDecoder decoder,
      ExampleMemory examples,
      List<String> lines,
      int steps,
      int beam,
      PrintWriter out) {
    if (lines.isEmpty()) {
      return;
    }
    List<String> normalized = lines.stream().map(TextNormalizer::normalize).toList();
    List<String> remembered = new ArrayList<>();
    List<SourceIds> sources = new ArrayList<>();
    for (String text : normalized) {
      MemoryMatch m = text.isEmpty() || examples == null ? null : examples.answer(text);
      remembered.add(m == null ? null : m.target());
      if (!text.isEmpty() && m == null) {
        sources.add(decoder.sourceIds(text));
      }
    }
    List<Decoded> decoded = decoder.decodeBatch(sources, steps, beam);
    int next = 0;
    for (int i = 0; i < normalized.size(); i++) {
      String text = normalized.get(i);
      if (text.isEmpty()) {
        out.println();
      } else if (remembered.get(i) != null) {
        out.println(remembered.get(i));
      } else {
        out.println(decoded.get(next++).text());
      }
    }
    out.flush();
    lines.clear();
  }
}

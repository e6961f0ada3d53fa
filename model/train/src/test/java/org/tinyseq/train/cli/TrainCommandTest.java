package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.training.TrainOptions;
import picocli.CommandLine;

/**
 * {@code model train}'s options: kinds, cells, token units and attention by their JSON names only.
 */
class TrainCommandTest {

  private static TrainOptions parse(String... extra) {
    String[] required = {"train", "--data", "pairs.tsv", "--out", "models"};
    String[] args = new String[required.length + extra.length];
    System.arraycopy(required, 0, args, 0, required.length);
    System.arraycopy(extra, 0, args, required.length, extra.length);
    CommandLine.ParseResult result = ModelCli.commandLine(new ModelCli()).parseArgs(args);
    TrainCommand train = (TrainCommand) result.subcommand().commandSpec().userObject();
    return train.options();
  }

  @Test
  void jsonNamesSelectTheTypes() {
    TrainOptions o = parse("--kind", "chat", "--cell", "gru", "--tokens", "word");
    assertEquals(ModelKind.CHAT, o.kind());
    assertEquals(Cell.GRU, o.cell());
    assertEquals(TokenUnit.WORD, o.sourceTokens());
    assertEquals(Attention.NONE, o.attention());
  }

  @Test
  void defaultsAreTheLstmOverCharactersWithAttention() {
    TrainOptions o = parse("--kind", "translate");
    assertEquals(ModelKind.TRANSLATE, o.kind());
    assertEquals(Cell.LSTM, o.cell());
    assertEquals(TokenUnit.CHAR, o.sourceTokens());
    assertEquals(Attention.LUONG, o.attention());
    assertEquals(0.2, o.dropout());
  }

  @Test
  void otherSpellingsAreRefusedWithTheKnownNames() {
    CliRun cell =
        CliRun.run("", "train", "--data", "p.tsv", "--out", "m", "--kind", "chat", "--cell", "GRU");
    assertEquals(2, cell.exitCode());
    assertTrue(
        cell.err().startsWith("Invalid value for option '--cell': must be lstm or gru, got 'GRU'"),
        cell.err());
    CliRun kind = CliRun.run("", "train", "--data", "p.tsv", "--out", "m", "--kind", "talk");
    assertEquals(2, kind.exitCode());
    assertTrue(
        kind.err().contains("must be translate or translate-zh-en or chat, got 'talk'"),
        kind.err());
    CliRun tokens =
        CliRun.run(
            "", "train", "--data", "p.tsv", "--out", "m", "--kind", "chat", "--tokens", "words");
    assertEquals(2, tokens.exitCode());
    assertTrue(tokens.err().contains("must be char or word, got 'words'"), tokens.err());
    CliRun attention =
        CliRun.run(
            "", "train", "--data", "p.tsv", "--out", "m", "--kind", "chat", "--attention", "LUONG");
    assertEquals(2, attention.exitCode());
    assertTrue(attention.err().contains("must be none or luong, got 'LUONG'"), attention.err());
  }

  @Test
  void helpListsTheLowercaseNames() {
    CliRun run = CliRun.run("", "train", "--help");
    assertEquals(0, run.exitCode());
    for (String text :
        new String[] {
          "translate (English to Chinese), translate-zh-en or chat", "lstm or gru", "char or word"
        }) {
      // picocli wraps long descriptions
      assertTrue(run.out().replaceAll("\\s+", " ").contains(text), run.out());
    }
  }
}

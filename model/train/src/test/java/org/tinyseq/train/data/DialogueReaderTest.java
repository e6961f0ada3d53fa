package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialogueReaderTest {
  private static final String HEADER = "conversation\ttopic\tturn\ttext\n";

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path file = dir.resolve("dialogues.tsv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void autoDetectsTheHeaderAndPairsConsecutiveTurnsOfAConversation() throws IOException {
    Path file =
        write(
            HEADER
                + "1\tmusic\t1\tDo you like the Beatles?\n"
                + "1\tmusic\t2\tI love them!\r\n"
                + "1\tmusic\t3\tMe too.\n"
                + "2\tmovies\t1\tSeen any good films?\n"
                + "2\tmovies\t2\tNot lately.\n"
                + "3\tmovies\t1\tA lonely turn.\n");
    assertEquals(CorpusFormat.DIALOGUE, CorpusLoader.detect(file));
    Corpus corpus = CorpusLoader.load(file, CorpusFormat.AUTO, MalformedPolicy.FAIL);
    assertEquals(
        List.of(
            new TextPair("Do you like the Beatles?", "I love them!", null, "1"),
            new TextPair("I love them!", "Me too.", null, "1"),
            new TextPair("Seen any good films?", "Not lately.", null, "2")),
        corpus.pairs());
    assertEquals(0, corpus.skipped());
  }

  @Test
  void malformedLineFailsNamingFileAndLine() throws IOException {
    Path file = write(HEADER + "1\tmusic\t1\thi\n1\tmusic\tsecond\thello\n");
    MalformedDataException e =
        assertThrows(
            MalformedDataException.class,
            () -> CorpusLoader.load(file, CorpusFormat.AUTO, MalformedPolicy.FAIL));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith(file + ":3: turn must be"), e.getMessage());
  }

  @Test
  void skippedLinesBreakTheChainSoNoPairSpansAMissingTurn() throws IOException {
    Path file =
        write(
            HEADER
                + "1\tmusic\t1\tone\n"
                + "1\tmusic\t2\t \n" // empty text
                + "1\tmusic\t3\tthree\n"
                + "1\tmusic\t4\tfour\n"
                + "1\tmusic\t5\n" // 3 columns
                + "1\tmusic\t6\tsix\n"
                + "1\tmusic\t8\teight\n"); // a gap: no pair, but not malformed
    Corpus corpus = CorpusLoader.load(file, CorpusFormat.DIALOGUE, MalformedPolicy.SKIP);
    assertEquals(List.of(new TextPair("three", "four", null, "1")), corpus.pairs());
    assertEquals(2, corpus.skipped());
  }

  @Test
  void aFileWithoutTheHeaderIsMalformedAtLineOne() throws IOException {
    Path file = write("1\tmusic\t1\thi\n1\tmusic\t2\thello\n");
    MalformedDataException e =
        assertThrows(
            MalformedDataException.class,
            () -> CorpusLoader.load(file, CorpusFormat.DIALOGUE, MalformedPolicy.FAIL));
    assertEquals(1, e.line());
    // auto-detection reads it as cmn-eng-like (4 columns is not a TSV pair)
    assertEquals(CorpusFormat.CMN, CorpusLoader.detect(file));
  }
}

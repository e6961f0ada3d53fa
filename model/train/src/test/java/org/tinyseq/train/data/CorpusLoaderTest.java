package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Checksums;

class CorpusLoaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void readsCmnEngKeepingTheAttribution() throws IOException {
    Path file =
        write(
            "cmn.txt",
            "Hi.\t嗨。\tCC-BY 2.0 (France) Attribution: tatoeba.org #1 (a) & #2 (b)\r\n"
                + "Run.\t你用跑的。\tCC-BY #3\n\n");
    Corpus corpus = CorpusLoader.load(file, CorpusFormat.AUTO, MalformedPolicy.FAIL);
    assertEquals("cmn", corpus.name());
    assertEquals(
        List.of(
            new TextPair(
                "Hi.", "嗨。", "CC-BY 2.0 (France) Attribution: tatoeba.org #1 (a) & #2 (b)"),
            new TextPair("Run.", "你用跑的。", "CC-BY #3")),
        corpus.pairs());
    assertEquals(0, corpus.skipped());
    assertEquals(Checksums.sha256(Files.readAllBytes(file)), corpus.sha256());
  }

  @Test
  void autoDetectsTwoColumnsAsTsv() throws IOException {
    Path file = write("mine.tsv", "\uFEFFgood morning\t早上好\nthanks\t谢谢\n");
    assertEquals(CorpusFormat.TSV, CorpusLoader.detect(file));
    Corpus corpus = CorpusLoader.load(file, CorpusFormat.AUTO, MalformedPolicy.FAIL);
    assertEquals(
        List.of(new TextPair("good morning", "早上好"), new TextPair("thanks", "谢谢")), corpus.pairs());
  }

  @Test
  void malformedLineFailsNamingFileAndLine() throws IOException {
    Path file = write("bad.tsv", "a\tb\n\nno tab here\nc\td\n");
    MalformedDataException e =
        assertThrows(
            MalformedDataException.class,
            () -> CorpusLoader.load(file, CorpusFormat.TSV, MalformedPolicy.FAIL));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
  }

  @Test
  void malformedLinesAreSkippedAndCounted() throws IOException {
    byte[] invalidUtf8 = {'x', '\t', (byte) 0xff, '\n'};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("a\tb\tattr\nonly two\tcolumns\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(invalidUtf8);
    bytes.writeBytes("c\t \tattr\ne\tf\tattr\n".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("cmn.txt");
    Files.write(file, bytes.toByteArray());
    Corpus corpus = CorpusLoader.load(file, CorpusFormat.CMN, MalformedPolicy.SKIP);
    assertEquals(List.of("a", "e"), corpus.pairs().stream().map(TextPair::source).toList());
    assertEquals(3, corpus.skipped());
  }

  @Test
  void chatFolderIsReadRecursivelyInSortedOrderWithChainedPairs() throws IOException {
    write(
        "chat/b/greetings.yml",
        "categories:\n- greetings\nconversations:\n- - Hello\n  - Hi\n  - How are you?\n");
    write(
        "chat/a.yml",
        "conversations:\n"
            + "- - Are you a bot?\n  - Yes\n"
            + "- just a string, no response\n"
            + "- - alone\n"
            + "- - 1\n  - 2\n");
    write("chat/notes.txt", "ignored\n");
    Path folder = dir.resolve("chat");
    assertEquals(CorpusFormat.CHAT, CorpusLoader.detect(folder));
    Corpus corpus = CorpusLoader.load(folder, CorpusFormat.AUTO, MalformedPolicy.SKIP);
    assertEquals(
        List.of(
            new TextPair("Are you a bot?", "Yes"),
            new TextPair("1", "2"),
            new TextPair("Hello", "Hi"),
            new TextPair("Hi", "How are you?")),
        corpus.pairs());
    assertEquals(2, corpus.skipped());
    assertEquals("chat", corpus.name());
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.writeBytes(Files.readAllBytes(folder.resolve("a.yml")));
    both.writeBytes(Files.readAllBytes(folder.resolve("b/greetings.yml")));
    assertEquals(Checksums.sha256(both.toByteArray()), corpus.sha256());
  }

  @Test
  void malformedChatEntryFailsNamingFileEntryAndLine() throws IOException {
    Path file = write("trivia.yml", "conversations:\n- - Q\n  - A\n- lonely string\n");
    MalformedDataException e =
        assertThrows(
            MalformedDataException.class,
            () -> CorpusLoader.load(file, CorpusFormat.CHAT, MalformedPolicy.FAIL));
    assertEquals(4, e.line());
    assertTrue(e.getMessage().contains("conversation #1"), e.getMessage());
  }

  @Test
  void invalidYamlIsReportedWithItsLine() throws IOException {
    Path file = write("broken.yml", "conversations:\n- - a\n  - b\n - : [\n");
    MalformedDataException e =
        assertThrows(
            MalformedDataException.class,
            () -> CorpusLoader.load(file, CorpusFormat.CHAT, MalformedPolicy.FAIL));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void missingCorpusIsNoSuchFile() {
    assertThrows(
        NoSuchFileException.class,
        () -> CorpusLoader.load(dir.resolve("nope.txt"), CorpusFormat.AUTO, MalformedPolicy.FAIL));
  }
}

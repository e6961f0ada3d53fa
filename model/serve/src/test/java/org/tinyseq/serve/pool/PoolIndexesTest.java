package org.tinyseq.serve.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.chat.RetrievedReply;

/** The pool's index: BM25 top-k, built once per pool into the cache folder and reused. */
class PoolIndexesTest {
  static final List<List<String>> DIALOGUES =
      List.of(
          List.of("i got a new job today", "Congrats on the new job!", "Thanks, I start Monday."),
          List.of("do you like jazz music?", "I love Miles Davis."),
          List.of("what music do you like?", "Mostly rock, some jazz."),
          List.of("do you like football?", "Yes."),
          List.of("do you like tennis?", "yes."),
          List.of("do you like golf?", "No, too slow."));

  @TempDir Path dir;

  private static ReplyPool pool() throws Exception {
    return ReplyPool.inMemory(PoolFile.write(DIALOGUES));
  }

  @Test
  void ranksTheRepliesOfTheMostSimilarMessagesFirst() throws Exception {
    try (LuceneReplyRetriever r = PoolIndexes.under(dir).open(pool())) {
      assertEquals(7, r.size());
      List<RetrievedReply> top = r.top("I got a new job!", 3);
      assertEquals("Congrats on the new job!", top.get(0).reply());
      assertEquals("i got a new job today", top.get(0).message());
      List<RetrievedReply> jazz = r.top("do you like jazz", 2);
      assertEquals("I love Miles Davis.", jazz.get(0).reply());
      assertTrue(jazz.get(0).similarity() > jazz.get(1).similarity());
      assertEquals(List.of(), r.top("zebra", 5), "no shared word, no candidate");
      assertEquals(List.of(), r.top("?!", 5));
      assertEquals(List.of(), r.top("jazz", 0));
    }
  }

  @Test
  void repliesThatDifferOnlyInCaseAreOneCandidateAndTheSameMessageGetsTheSameList()
      throws Exception {
    try (LuceneReplyRetriever r = PoolIndexes.under(dir).open(pool())) {
      List<RetrievedReply> top = r.top("do you like sports like football or tennis?", 10);
      long yes = top.stream().filter(c -> c.reply().equalsIgnoreCase("yes.")).count();
      assertEquals(1, yes, top.toString());
      assertEquals(top, r.top("do you like sports like football or tennis?", 10));
      assertEquals(top.subList(0, 2), r.top("do you like sports like football or tennis?", 2));
    }
  }

  @Test
  void buildsOnceIntoOneFolderPerPoolAndReusesItLater() throws Exception {
    ReplyPool pool = pool();
    PoolIndexes indexes = PoolIndexes.under(dir);
    try (LuceneReplyRetriever r = indexes.open(pool)) {
      assertEquals(7, r.size());
    }
    Path folder = dir.resolve(PoolIndexes.folderName(pool));
    assertTrue(Files.isDirectory(folder));
    // A marker left in the folder survives the next open: the index was reused, not rebuilt.
    Files.writeString(folder.resolve("marker"), "kept");
    ReplyPool unreadable =
        ReplyPool.verify(
            PoolFile.write(DIALOGUES),
            () -> {
              throw new AssertionError("a reused index must not read the pool again");
            });
    try (LuceneReplyRetriever r = indexes.open(unreadable)) {
      assertEquals("Congrats on the new job!", r.top("i got a new job", 1).get(0).reply());
    }
    assertTrue(Files.exists(folder.resolve("marker")));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(folder), files.toList(), "no temporary folder left behind");
    }
  }

  @Test
  void reusesAFolderOnlyForThePoolItsCommitNames() throws Exception {
    ReplyPool other =
        ReplyPool.inMemory(PoolFile.write(List.of(List.of("hello", "Hi, how are you?"))));
    PoolIndexes indexes = PoolIndexes.under(dir);
    indexes.open(other).close();
    ReplyPool pool = pool();
    assertFalse(indexes.hasIndex(pool.sha256()));
    // Another pool's index under this pool's name is not reused: it is rebuilt from this pool.
    Path folder = dir.resolve(PoolIndexes.folderName(pool));
    try (Stream<Path> files = Files.list(dir.resolve(PoolIndexes.folderName(other)))) {
      Files.createDirectories(folder);
      for (Path f : files.toList()) {
        Files.copy(f, folder.resolve(f.getFileName()));
      }
    }
    assertTrue(indexes.hasIndex(pool.sha256()));
    try (LuceneReplyRetriever r = indexes.open(pool)) {
      assertEquals(7, r.size());
      assertEquals("Congrats on the new job!", r.top("i got a new job", 1).get(0).reply());
    }
  }

  @Test
  void rebuildsAnIndexFolderThatDoesNotOpen() throws Exception {
    ReplyPool pool = pool();
    Path folder = Files.createDirectories(dir.resolve(PoolIndexes.folderName(pool)));
    Files.writeString(folder.resolve("segments_9"), "not an index");
    try (LuceneReplyRetriever r = PoolIndexes.under(dir).open(pool)) {
      assertEquals(7, r.size());
    }
    assertFalse(Files.exists(folder.resolve("segments_9")));
  }

  @Test
  void fallsBackToTheNextFolderAndThenToTheHeap() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    Path second = dir.resolve("second");
    try (LuceneReplyRetriever r = new PoolIndexes(List.of(notAFolder, second)).open(pool())) {
      assertEquals(7, r.size());
    }
    assertTrue(Files.isDirectory(second.resolve(PoolIndexes.folderName(pool()))));
    try (LuceneReplyRetriever r =
        new PoolIndexes(List.of(notAFolder, notAFolder.resolve("below"))).open(pool())) {
      assertEquals("I love Miles Davis.", r.top("jazz", 1).get(0).reply());
    }
  }

  @Test
  void defaultsToAFolderBesideTheModels() {
    Path models = dir.resolve("models");
    assertEquals(
        models.resolve(".pool-index"),
        PoolIndexes.of(java.util.Optional.empty(), java.util.Optional.of(models)).roots().get(0));
    assertEquals(
        dir.resolve("x"),
        PoolIndexes.of(java.util.Optional.of(dir.resolve("x")), java.util.Optional.of(models))
            .roots()
            .get(0));
  }
}

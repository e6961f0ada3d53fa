package org.tinyseq.train.reference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Distinct English sentences for benchmarks: generated from templates (short, validation-like
 * sentences of 3 to 10 words), or read from a file (the first tab-separated column of each line, so
 * a cmn-eng style corpus works as it is).
 */
public final class BenchSentences {
  private static final String[] SUBJECTS = {
    "I",
    "You",
    "We",
    "They",
    "Tom",
    "Mary",
    "My brother",
    "Her mother",
    "The teacher",
    "Nobody",
    "Everyone",
    "The children",
    "My friend",
    "He",
    "She",
    "The old man"
  };
  private static final String[] VERBS = {
    "likes",
    "wants",
    "needs",
    "found",
    "bought",
    "lost",
    "saw",
    "made",
    "read",
    "forgot",
    "cleaned",
    "painted",
    "sold",
    "borrowed",
    "visited",
    "remembered"
  };
  private static final String[] OBJECTS = {
    "the book",
    "a red car",
    "this house",
    "the letter",
    "some tea",
    "his keys",
    "a new job",
    "the dog",
    "that song",
    "the station",
    "my umbrella",
    "the window",
    "a small cat",
    "the money",
    "her phone",
    "the garden"
  };
  private static final String[] ENDINGS = {
    "",
    " yesterday",
    " today",
    " again",
    " last week",
    " in the morning",
    " at school",
    " after dinner",
    " on Sunday",
    " very quickly",
    " with me",
    " before noon"
  };
  private static final String[] PUNCTUATION = {".", ".", ".", "!", "?"};

  private BenchSentences() {}

  /** {@code n} distinct sentences, the same for the same seed. */
  public static List<String> generate(int n, long seed) {
    Random r = new Random(seed);
    Set<String> out = new LinkedHashSet<>();
    int attempts = 0;
    while (out.size() < n) {
      String s =
          pick(r, SUBJECTS) + " " + pick(r, VERBS) + " " + pick(r, OBJECTS) + pick(r, ENDINGS);
      if (++attempts > 50 * n || r.nextInt(4) == 0) {
        s = s + " " + (1 + r.nextInt(99)) + " times"; // widens the space once templates run dry
      }
      out.add(s + pick(r, PUNCTUATION));
    }
    return new ArrayList<>(out);
  }

  /**
   * The distinct, normalised, non-empty first columns of a text file's lines, at most {@code n}.
   */
  public static List<String> read(Path file, int n) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      String s = TextNormalizer.normalize(tab >= 0 ? line.substring(0, tab) : line);
      if (!s.isEmpty()) {
        out.add(s);
      }
      if (out.size() >= n) {
        break;
      }
    }
    return new ArrayList<>(out);
  }

  private static String pick(Random r, String[] words) {
    return words[r.nextInt(words.length)];
  }
}

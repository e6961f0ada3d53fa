package org.tinyseq.train.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.train.data.TextPair;

/**
 * The entries of an example memory from training pairs: one per distinct key (the source normalised
 * and lower-cased, {@link ExampleMemory#key}), sorted by key. When several targets share a key
 * (Tatoeba has many translations of "Hi."), the tie rule picks one, the same every time: the most
 * frequent target among that key's pairs, then the shortest (in UTF-16 chars), then the first in
 * {@link String#compareTo} order. Pairs whose key or target is longer than {@link
 * MemoryFile#MAX_FIELD_CHARS} are left out.
 */
public final class MemoryBuilder {
  private MemoryBuilder() {}

  /** Memory entries of the (normalised) training pairs. */
  public static List<MemoryEntry> entries(List<TextPair> training) {
    Map<String, Map<String, Integer>> byKey = new TreeMap<>();
    for (TextPair pair : training) {
      String key = ExampleMemory.key(pair.source());
      String target = pair.target().strip();
      if (key.isEmpty()
          || target.isEmpty()
          || key.length() > MemoryFile.MAX_FIELD_CHARS
          || target.length() > MemoryFile.MAX_FIELD_CHARS) {
        continue;
      }
      byKey.computeIfAbsent(key, k -> new HashMap<>()).merge(target, 1, Integer::sum);
    }
    List<MemoryEntry> out = new ArrayList<>(byKey.size());
    for (var e : byKey.entrySet()) {
      out.add(new MemoryEntry(e.getKey(), choose(e.getValue())));
    }
    return out;
  }

  /** The tie rule: most frequent, then shortest, then first in {@link String#compareTo} order. */
  static String choose(Map<String, Integer> targetCounts) {
    String best = null;
    int bestCount = 0;
    for (var e : targetCounts.entrySet()) {
      String t = e.getKey();
      int c = e.getValue();
      if (best == null
          || c > bestCount
          || (c == bestCount
              && (t.length() < best.length()
                  || (t.length() == best.length() && t.compareTo(best) < 0)))) {
        best = t;
        bestCount = c;
      }
    }
    return best;
  }
}

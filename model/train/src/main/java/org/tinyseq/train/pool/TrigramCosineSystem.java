package org.tinyseq.train.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.train.data.TextPair;

/**
 * Today's example-memory similarity (character-trigram cosine, {@link ExampleMemory}) over the same
 * pairs: the distinct messages ranked by cosine, each with all of its replies in pool order. (The
 * served memory keeps one reply a message; here every reply counts, as in the pool.)
 */
final class TrigramCosineSystem implements RetrievalSystem {
  private final ExampleMemory memory;
  private final List<List<String>> replies;

  TrigramCosineSystem(List<TextPair> pairs) {
    Map<String, List<String>> byKey = new TreeMap<>();
    for (TextPair p : pairs) {
      byKey.computeIfAbsent(ExampleMemory.key(p.source()), k -> new ArrayList<>()).add(p.target());
    }
    List<MemoryEntry> entries = new ArrayList<>(byKey.size());
    replies = new ArrayList<>(byKey.size());
    for (var e : byKey.entrySet()) {
      // The entry's target is the index of its replies: the memory only ranks the messages.
      entries.add(new MemoryEntry(e.getKey(), Integer.toString(replies.size())));
      replies.add(e.getValue());
    }
    memory = new ExampleMemory(entries, 1.0);
  }

  @Override
  public String name() {
    return "trigram cosine (ExampleMemory)";
  }

  @Override
  public List<String> replies(String message, int k) {
    Map<String, String> out = new LinkedHashMap<>();
    // k messages give at least k replies unless replies repeat; a few more cover duplicates.
    for (MemoryMatch m : memory.top(message, k + k / 2 + 8)) {
      for (String reply : replies.get(Integer.parseInt(m.target()))) {
        out.putIfAbsent(reply.toLowerCase(Locale.ROOT), reply);
        if (out.size() == k) {
          return new ArrayList<>(out.values());
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Distinct messages held. */
  int messages() {
    return memory.size();
  }
}

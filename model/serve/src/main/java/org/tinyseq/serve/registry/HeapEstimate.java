package org.tinyseq.serve.registry;

import java.io.IOException;
import java.util.Locale;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.FileLimits;
import org.tinyseq.serve.bundle.GraphShapes;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.MemoryFile;

/**
 * What loading a bundle will take from the heap, estimated before a byte of weights is read: the
 * tensor shapes follow from the manifest's architecture and vocabulary sizes (a tensor file must
 * hold exactly those shapes, so they are the ones that load), and the example memory's entry count
 * and text size are read from its first line and its gzip trailer (which {@link MemoryFile#read}
 * holds the file to), and how that text divides into keys and targets from the entries in the
 * file's first 64 KiB. An upper estimate: the bundle's tensors, one tensor file's bytes while it is
 * parsed, the decoder's own copies and tables, and the memory's strings and index while it is
 * built.
 *
 * @param tensors the bundle's tensors plus the largest tensor file, read whole before parsing
 * @param decoder what the decoder builds from them ({@link GreedyDecoder#heapBytes})
 * @param memory the example memory while its index is built (0 without one)
 * @param memoryEntries entries the memory file states (0 without one)
 * @param memoryText bytes of text the memory file states (0 without one)
 */
record HeapEstimate(long tensors, long decoder, long memory, int memoryEntries, long memoryText) {

  /**
   * Heap per memory entry, apart from its text: the entry and its two strings (objects and array
   * headers), the index's arrays (keys, targets, norms) and the headers of the entry's trigram
   * arrays while the index is built.
   */
  static final long BYTES_PER_ENTRY = 170;

  /**
   * Heap per character of the memory's keys: the trigram (8 bytes) and count (4) arrays while the
   * index is built, and the postings (4) it keeps.
   */
  static final long BYTES_PER_KEY_CHAR = 16;

  /** Bytes read of the memory file's beginning to find its first line. */
  private static final int HEAD_BYTES = 1 << 16;

  long total() {
    return tensors + decoder + memory;
  }

  /** The estimate for the bundle {@code source} holds; a BundleException when it is unreadable. */
  static HeapEstimate of(BundleSource source) throws BundleException {
    Manifest m = BundleReader.readManifest(source);
    try {
      FileLimits.of(m); // the architecture's sizes must not overflow
      long enc =
          GraphShapes.floats(GraphShapes.encoder(m.architecture(), m.sourceVocabularySize()));
      long dec =
          GraphShapes.floats(GraphShapes.decoder(m.architecture(), m.targetVocabularySize()));
      long tensors = 4 * (enc + dec) + 4 * Math.max(enc, dec);
      long decoder =
          GreedyDecoder.heapBytes(
              m.architecture(), m.sourceVocabularySize(), m.targetVocabularySize());
      if (m.files() == null || !m.files().containsKey(MemoryFile.FILE_NAME)) {
        return new HeapEstimate(tensors, decoder, 0, 0, 0);
      }
      BundleSource.Range head =
          source.readRange(MemoryFile.FILE_NAME, 0, HEAD_BYTES, MemoryFile.MAX_FILE_BYTES);
      BundleSource.Range tail =
          source.readRange(MemoryFile.FILE_NAME, -4, 4, MemoryFile.MAX_FILE_BYTES);
      long text =
          tail.bytes().length == 4
              ? Math.min(MemoryFile.declaredTextBytes(tail.bytes()), MemoryFile.MAX_TEXT_BYTES)
              : 0;
      MemoryFile.Head sample = MemoryFile.head(head.bytes());
      int entries = sample.entries();
      if (entries < 0) {
        entries = (int) Math.min(MemoryFile.MAX_ENTRIES, text / 4); // unknown: shortest lines
      }
      // The head's complete entries tell how the text divides into key characters and string
      // bytes; without any, the most it can be: every text byte a key character, two bytes each.
      double keyCharsPerByte =
          sample.sampleText() > 0 ? (double) sample.sampleKeyChars() / sample.sampleText() : 1;
      double stringBytesPerByte =
          sample.sampleText() > 0 ? (double) sample.sampleStringBytes() / sample.sampleText() : 2;
      long memory =
          head.fileSize()
              + BYTES_PER_ENTRY * entries
              + (long) (text * stringBytesPerByte)
              + (long) (BYTES_PER_KEY_CHAR * text * keyCharsPerByte);
      return new HeapEstimate(tensors, decoder, memory, entries, text);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(source.location() + ": cannot estimate its size (" + e + ")", e);
    }
  }

  /** "350 MB (weights 16 MB, decoder 25 MB, example memory 309 MB: 3000000 entries, ...)". */
  String describe() {
    String s =
        String.format(
            Locale.ROOT, "%s (weights %s, decoder %s", mb(total()), mb(tensors), mb(decoder));
    if (memory > 0) {
      s +=
          String.format(
              Locale.ROOT,
              ", example memory %s: %d entries, %s of text",
              mb(memory),
              memoryEntries,
              mb(memoryText));
    }
    return s + ")";
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%d MB", (bytes + (1 << 20) - 1) >> 20);
  }
}

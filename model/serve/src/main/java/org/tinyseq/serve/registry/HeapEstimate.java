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
 * What loading a bundle will take from the heap at its peak, estimated before a byte of weights is
 * read: the tensor shapes follow from the manifest's architecture and vocabulary sizes (a tensor
 * file must hold exactly those shapes, so they are the ones that load); the example memory's entry
 * count and text size are read from its first line and its gzip trailer (which {@link
 * MemoryFile#read} holds the file to), and how that text divides into keys and targets from the
 * entries in the file's first 64 KiB.
 *
 * <p>A load keeps the bundle's tensors and the memory's strings and index; on top of these, one
 * step at a time needs more: reading a tensor file (its bytes beside its tensors), building the
 * memory's index (its entries and every key's trigram arrays), then building the decoder (its
 * copies of the weights and input tables, {@link GreedyDecoder#heapBytes}). The peak is what is
 * kept plus the largest of those steps.
 *
 * @param tensors the bundle's tensors, kept
 * @param memoryKept the example memory's strings and index, kept (0 without one)
 * @param peakStep the largest of: a tensor file's bytes, the memory's index build, the decoder
 * @param peakWhat which step that is, for the message
 * @param memoryEntries entries the memory file states (0 without one)
 * @param memoryText bytes of text the memory file states (0 without one)
 */
record HeapEstimate(
    long tensors,
    long memoryKept,
    long peakStep,
    String peakWhat,
    int memoryEntries,
    long memoryText) {

  // The per-entry and per-character figures are counted from the objects and arrays involved,
  // then raised about 10% so that every bundle measured needs less (docs/serving-service.md).

  /** Kept per memory entry: two string objects and their arrays, the index's arrays. */
  static final long KEPT_PER_ENTRY = 110;

  /** While the index is built, per entry: the entry object, its list slot, its trigram arrays. */
  static final long BUILD_PER_ENTRY = 80;

  /** Kept per key character: a posting. */
  static final long KEPT_PER_KEY_CHAR = 4;

  /** While the index is built, per key character: a trigram (8 bytes), its count (4), sorting. */
  static final long BUILD_PER_KEY_CHAR = 13;

  /** Bytes read of the memory file's beginning to find its first line and sample entries. */
  private static final int HEAD_BYTES = 1 << 16;

  long total() {
    return tensors + memoryKept + peakStep;
  }

  /** Two bundles loaded at once: everything of both, their load peaks too. */
  HeapEstimate plus(HeapEstimate o) {
    return new HeapEstimate(
        tensors + o.tensors,
        memoryKept + o.memoryKept,
        peakStep + o.peakStep,
        peakWhat,
        memoryEntries + o.memoryEntries,
        memoryText + o.memoryText);
  }

  /** The estimate for the bundle {@code source} holds; a BundleException when it is unreadable. */
  static HeapEstimate of(BundleSource source) throws BundleException {
    HeapEstimate own = ofOwn(source);
    Manifest m = BundleReader.readManifest(source);
    if (m.parts() == null || !m.parts().containsKey(Manifest.REVERSE_PART)) {
      return own;
    }
    // A chat bundle's reverse model (format 3) is loaded with it and kept, with its own decoder:
    // its whole estimate counts as kept weights.
    HeapEstimate reverse;
    try {
      reverse = ofOwn(source.subfolder(Manifest.REVERSE_PART));
    } catch (IOException e) {
      throw new BundleException(source.location() + ": cannot estimate its reverse model", e);
    }
    return new HeapEstimate(
        own.tensors() + reverse.total(),
        own.memoryKept(),
        own.peakStep(),
        own.peakWhat(),
        own.memoryEntries(),
        own.memoryText());
  }

  /** The estimate of the bundle itself, without sub-folder parts. */
  private static HeapEstimate ofOwn(BundleSource source) throws BundleException {
    Manifest m = BundleReader.readManifest(source);
    try {
      FileLimits.of(m); // the architecture's sizes must not overflow
      long enc =
          4 * GraphShapes.floats(GraphShapes.encoder(m.architecture(), m.sourceVocabularySize()));
      long dec =
          4 * GraphShapes.floats(GraphShapes.decoder(m.architecture(), m.targetVocabularySize()));
      long decoder =
          GreedyDecoder.heapBytes(
              m.architecture(), m.sourceVocabularySize(), m.targetVocabularySize());
      long peak = decoder;
      String what = "the decoder";
      if (Math.max(enc, dec) > peak) {
        peak = Math.max(enc, dec);
        what = "reading a tensor file";
      }
      if (m.files() == null || !m.files().containsKey(MemoryFile.FILE_NAME)) {
        return new HeapEstimate(enc + dec, 0, peak, what, 0, 0);
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
      boolean sampled = sample.sampleText() > 0;
      long keyChars =
          sampled ? (long) ((double) text * sample.sampleKeyChars() / sample.sampleText()) : text;
      long stringBytes =
          sampled
              ? (long) ((double) text * sample.sampleStringBytes() / sample.sampleText())
              : 2 * text;
      long kept = KEPT_PER_ENTRY * entries + stringBytes + KEPT_PER_KEY_CHAR * keyChars;
      long build = head.fileSize() + BUILD_PER_ENTRY * entries + BUILD_PER_KEY_CHAR * keyChars;
      if (build > peak) {
        peak = build;
        what = "building the memory's index";
      }
      return new HeapEstimate(enc + dec, kept, peak, what, entries, text);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(source.location() + ": cannot estimate its size (" + e + ")", e);
    }
  }

  /**
   * "42 MB (weights 8 MB, example memory 6 MB of 23556 entries and 2 MB of text, and at the peak 28
   * MB more for the decoder)".
   */
  String describe() {
    String memory =
        memoryKept > 0
            ? String.format(
                Locale.ROOT,
                ", example memory %s of %d entries and %s of text",
                mb(memoryKept),
                memoryEntries,
                mb(memoryText))
            : "";
    return String.format(
        Locale.ROOT,
        "%s (weights %s%s, and at the peak %s more for %s)",
        mb(total()),
        mb(tensors),
        memory,
        mb(peakStep),
        peakWhat);
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%d MB", (bytes + (1 << 20) - 1) >> 20);
  }
}

package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.decode.GreedyDecoder;

/**
 * Seeded fuzzing of the tensor files of a valid bundle: bit flips, truncation, appended bytes,
 * header length and header field edits. The manifest's checksum is recomputed for every mutant, so
 * the mutant reaches the safetensors reader and the shape checks. Whatever the bytes, the reader
 * either returns a bundle that decodes, or throws {@link BundleException}: never another exception,
 * never an {@link Error}, never a hang.
 */
class SafeTensorsFuzzTest {
  private static final long SEED = 20261202L;
  private static final int CASES = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void mutatedTensorFilesLoadAndDecodeOrAreRefused() throws Exception {
    Path p =
        RandomBundles.write(
            dir,
            "translate",
            "fuzz",
            TestBundles.lstm(8, 4),
            List.of("a", "b", "c"),
            List.of("你", "好", "们"),
            7);
    Map<String, byte[]> files = new HashMap<>();
    try (var s = Files.list(p)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        files.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    ObjectNode manifest = (ObjectNode) JSON.readTree(files.get(Manifest.FILE_NAME));
    int[] outcomes = new int[2];
    Random r = new Random(SEED);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < CASES; i++) {
        String target = r.nextBoolean() ? Manifest.ENCODER_FILE : Manifest.DECODER_FILE;
        byte[] mutant = mutate(files.get(target), r);
        int index = i;
        Future<Integer> outcome =
            runner.submit(() -> tryOne(files, manifest, target, mutant, index));
        try {
          // a hang guard per case, not a timing assertion
          outcomes[outcome.get(30, TimeUnit.SECONDS)]++;
        } catch (TimeoutException e) {
          fail("case " + i + " (seed " + SEED + ") hangs");
        } catch (ExecutionException e) {
          fail("case " + i + " (seed " + SEED + "): " + e.getCause(), e.getCause());
        }
      }
    } finally {
      runner.shutdownNow();
    }
    assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes: " + Arrays.toString(outcomes));
  }

  /** 0 = loaded and decoded, 1 = refused with a BundleException; anything else fails the test. */
  private static int tryOne(
      Map<String, byte[]> files, ObjectNode manifest, String target, byte[] mutant, int i)
      throws IOException {
    Map<String, byte[]> copy = new HashMap<>(files);
    copy.put(target, mutant);
    ObjectNode m = manifest.deepCopy();
    ((ObjectNode) m.get("files")).put(target, Checksums.sha256(mutant));
    copy.put(Manifest.FILE_NAME, JSON.writeValueAsBytes(m));
    try {
      Bundle b = BundleReader.read(memory(copy));
      GreedyDecoder d = GreedyDecoder.of(b);
      d.decode(d.sourceIds("abc ab"), 12);
      d.decodeBatch(List.of(d.sourceIds("a"), d.sourceIds("cab")), 12);
      return 0;
    } catch (BundleException e) {
      return 1;
    } catch (RuntimeException | Error e) {
      fail("case " + i + " (seed " + SEED + "): " + e, e);
      return -1;
    }
  }

  private static byte[] mutate(byte[] valid, Random r) throws IOException {
    byte[] b = valid.clone();
    long headerLen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    switch (r.nextInt(7)) {
      case 0 -> { // bit flips anywhere
        for (int k = 1 + r.nextInt(8); k > 0; k--) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 1 -> { // bit flips in the header length and JSON
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          b[r.nextInt(8 + (int) headerLen)] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncation
      case 3 -> { // bytes appended
        b = Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
        for (int k = valid.length; k < b.length; k++) {
          b[k] = (byte) r.nextInt();
        }
      }
      case 4 -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, oddLong(r, headerLen));
      default -> b = editHeader(b, (int) headerLen, r);
    }
    return b;
  }

  /** A header field edit: shapes, offsets, dtype, names, duplicates, removals. */
  private static byte[] editHeader(byte[] b, int headerLen, Random r) throws IOException {
    ObjectNode h =
        (ObjectNode) JSON.readTree(new String(b, 8, headerLen, StandardCharsets.UTF_8).trim());
    List<String> names = new ArrayList<>();
    h.fieldNames().forEachRemaining(names::add);
    names.remove("__metadata__");
    String name = names.get(r.nextInt(names.size()));
    ObjectNode t = (ObjectNode) h.get(name);
    switch (r.nextInt(8)) {
      case 0 -> {
        ArrayNode shape = (ArrayNode) t.get("shape");
        if (shape.size() > 0) {
          shape.set(r.nextInt(shape.size()), JSON.getNodeFactory().numberNode(oddLong(r, 4)));
        }
      }
      case 1 -> ((ArrayNode) t.get("shape")).add(r.nextBoolean() ? 65536 : oddLong(r, 1));
      case 2 -> {
        ArrayNode o = (ArrayNode) t.get("data_offsets");
        int k = r.nextInt(2);
        o.set(k, JSON.getNodeFactory().numberNode(oddLong(r, o.get(k).asLong())));
      }
      case 3 -> t.put("dtype", new String[] {"F16", "F64", "I32", "", "f32"}[r.nextInt(5)]);
      case 4 -> t.remove(new String[] {"dtype", "shape", "data_offsets"}[r.nextInt(3)]);
      case 5 -> h.set(name + "_copy", t.deepCopy());
      case 6 -> {
        h.remove(name);
        h.set(r.nextBoolean() ? name.toUpperCase() : "x" + name, t);
      }
      default -> t.set("shape", JSON.getNodeFactory().textNode("[4, 4]"));
    }
    byte[] header = JSON.writeValueAsBytes(h);
    byte[] data = Arrays.copyOfRange(b, 8 + headerLen, b.length);
    ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length);
    out.order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).put(data);
    return out.array();
  }

  /** Near {@code base}, or one of the values that break unchecked arithmetic. */
  private static long oddLong(Random r, long base) {
    long[] odd = {
      0, -1, -4, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32
    };
    return r.nextBoolean() ? base + r.nextInt(9) - 4 : odd[r.nextInt(odd.length)];
  }

  private static BundleSource memory(Map<String, byte[]> files) {
    return new BundleSource() {
      @Override
      public String location() {
        return "memory:fuzz";
      }

      @Override
      public byte[] read(String fileName, long maxBytes) throws IOException {
        byte[] b = files.get(fileName);
        if (b == null) {
          throw new NoSuchFileException(fileName);
        }
        if (b.length > maxBytes) {
          throw new IOException(fileName + " too large");
        }
        return b;
      }
    };
  }
}

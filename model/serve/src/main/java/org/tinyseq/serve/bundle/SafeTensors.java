package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> layout
 * (8-byte little-endian header length, JSON header, raw little-endian data), F32 only. A common,
 * documented format keeps the exported graphs readable by other tools.
 */
public final class SafeTensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Duplicate names would let a second entry silently replace the first.
  private static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Largest header accepted: this project's headers are under 2 KB. */
  public static final long MAX_HEADER = 1L << 20;

  private SafeTensors() {}

  /** Serialises tensors (in the given order) with optional string metadata. */
  public static byte[] write(List<Tensor> tensors, Map<String, String> metadata) {
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Tensor t : tensors) {
      ObjectNode node = header.putObject(t.name());
      node.put("dtype", "F32");
      var shape = node.putArray("shape");
      for (int d : t.shape()) {
        shape.add(d);
      }
      long end = offset + 4L * t.data().length;
      node.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] headerBytes;
    try {
      headerBytes = JSON.writeValueAsBytes(header);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int pad = (8 - headerBytes.length % 8) % 8; // keep the data 8-byte aligned, as the spec advises
    int headerLen = headerBytes.length + pad;
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + headerLen + offset));
    buf.order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(headerLen);
    buf.put(headerBytes);
    for (int i = 0; i < pad; i++) {
      buf.put((byte) ' ');
    }
    for (Tensor t : tensors) {
      buf.asFloatBuffer().put(t.data());
      buf.position(buf.position() + 4 * t.data().length);
    }
    return buf.array();
  }

  /**
   * Parses a safetensors file; any inconsistency is a {@link BundleException}. Every number of the
   * header is checked exactly: the header length against the file, each shape product (no
   * overflow), {@code 0 <= begin <= end <= data length}, {@code end - begin == 4 * count}, and the
   * tensors' byte ranges must tile the data section exactly (no gap, no overlap, nothing after).
   */
  public static Map<String, Tensor> read(byte[] bytes, String fileName) throws BundleException {
    try {
      return parse(bytes, fileName);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(fileName + ": unreadable tensors (" + e.getMessage() + ")", e);
    }
  }

  private static Map<String, Tensor> parse(byte[] bytes, String fileName)
      throws BundleException, IOException {
    if (bytes.length < 8) {
      throw new BundleException(fileName + ": truncated (no header)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen = buf.getLong();
    if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > bytes.length - 8L) {
      throw new BundleException(
          fileName + ": corrupt header length " + headerLen + " (file has " + bytes.length + ")");
    }
    int dataStart = 8 + (int) headerLen;
    long dataLen = bytes.length - (long) dataStart;
    JsonNode header =
        STRICT.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8).trim());
    if (header == null || !header.isObject()) {
      throw new BundleException(fileName + ": the header is not a JSON object");
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      JsonNode node = e.getValue();
      if (name.equals("__metadata__")) {
        if (!node.isObject()) {
          throw new BundleException(fileName + ": __metadata__ is not an object");
        }
        continue;
      }
      String what = fileName + ": tensor " + FileLimits.printable(name);
      if (!node.isObject() || !"F32".equals(node.path("dtype").asText(null))) {
        throw new BundleException(what + " has unsupported dtype " + node.path("dtype"));
      }
      JsonNode shapeNode = node.path("shape");
      if (!shapeNode.isArray()) {
        throw new BundleException(what + " has no shape");
      }
      int[] shape = new int[shapeNode.size()];
      long count = 1;
      for (int i = 0; i < shape.length; i++) {
        JsonNode d = shapeNode.get(i);
        if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
          throw new BundleException(what + " has an invalid dimension " + d);
        }
        shape[i] = d.intValue();
        count = Math.multiplyExact(count, (long) shape[i]);
      }
      JsonNode offsets = node.path("data_offsets");
      if (!offsets.isArray()
          || offsets.size() != 2
          || !offsets.get(0).isIntegralNumber()
          || !offsets.get(1).isIntegralNumber()
          || !offsets.get(0).canConvertToLong()
          || !offsets.get(1).canConvertToLong()) {
        throw new BundleException(what + " has corrupt offsets " + offsets);
      }
      long begin = offsets.get(0).longValue();
      long end = offsets.get(1).longValue();
      if (begin < 0 || begin > end || end > dataLen) {
        throw new BundleException(
            what + " has offsets [" + begin + ", " + end + "] outside the data (" + dataLen + ")");
      }
      if (end - begin != Math.multiplyExact(4L, count)) {
        throw new BundleException(
            what + " holds " + (end - begin) + " bytes, its shape needs " + 4 * count);
      }
      ranges.add(new long[] {begin, end});
      float[] data = new float[(int) count]; // count <= dataLen / 4 < Integer.MAX_VALUE here
      ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin))
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(data);
      out.put(name, new Tensor(name, shape, data));
    }
    checkTiling(ranges, dataLen, fileName);
    return out;
  }

  /** The byte ranges, in order of their starts, must cover [0, dataLen) exactly once. */
  private static void checkTiling(List<long[]> ranges, long dataLen, String fileName)
      throws BundleException {
    ranges.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
    long next = 0;
    for (long[] r : ranges) {
      if (r[0] != next) {
        throw new BundleException(
            fileName
                + (r[0] < next ? ": tensors overlap at byte " : ": gap in the data at byte ")
                + Math.min(r[0], next));
      }
      next = r[1];
    }
    if (next != dataLen) {
      throw new BundleException(
          fileName + ": " + (dataLen - next) + " bytes after the last tensor");
    }
  }
}

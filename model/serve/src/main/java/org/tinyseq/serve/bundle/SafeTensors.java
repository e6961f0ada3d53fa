package org.tinyseq.serve.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
  private static final long MAX_HEADER = 16L << 20;

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

  /** Parses a safetensors file; any inconsistency is a {@link BundleException}. */
  public static Map<String, Tensor> read(byte[] bytes, String fileName) throws BundleException {
    try {
      if (bytes.length < 8) {
        throw new BundleException(fileName + ": truncated (no header)");
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      long headerLen = buf.getLong();
      if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > bytes.length) {
        throw new BundleException(fileName + ": corrupt header length " + headerLen);
      }
      JsonNode header =
          JSON.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8).trim());
      long dataStart = 8 + headerLen;
      long dataLen = bytes.length - dataStart;
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equals("__metadata__")) {
          continue;
        }
        JsonNode node = e.getValue();
        if (!"F32".equals(node.path("dtype").asText())) {
          throw new BundleException(
              fileName + ": tensor " + e.getKey() + " has unsupported dtype " + node.path("dtype"));
        }
        JsonNode shapeNode = node.path("shape");
        int[] shape = new int[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = shapeNode.get(i).asInt();
          count *= shape[i];
        }
        long begin = node.path("data_offsets").path(0).asLong(-1);
        long end = node.path("data_offsets").path(1).asLong(-1);
        if (begin < 0 || end > dataLen || end - begin != 4 * count) {
          throw new BundleException(fileName + ": tensor " + e.getKey() + " has corrupt offsets");
        }
        float[] data = new float[(int) count];
        ByteBuffer slice =
            ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) (end - begin))
                .order(ByteOrder.LITTLE_ENDIAN);
        slice.asFloatBuffer().get(data);
        out.put(e.getKey(), new Tensor(e.getKey(), shape, data));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new BundleException(fileName + ": unreadable tensors (" + e.getMessage() + ")", e);
    }
  }
}

package org.tinyseq.serve.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.tinyseq.serve.bundle.Checksums;
import org.tinyseq.serve.bundle.Manifest;

/**
 * Edits a valid bundle into a hostile one while keeping its manifest consistent (checksums of the
 * edited files recomputed), so that the check under test, not a checksum, is what refuses it.
 */
final class HostileBundles {
  static final ObjectMapper JSON = new ObjectMapper();

  private HostileBundles() {}

  /** Edits the manifest as a JSON tree. */
  static void editManifest(Path bundle, Consumer<ObjectNode> edit) throws IOException {
    Path file = bundle.resolve(Manifest.FILE_NAME);
    ObjectNode m = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept(m);
    Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
  }

  /** Lists {@code name} in the manifest with the checksum of {@code content}. */
  static void list(Path bundle, String name, byte[] content) throws IOException {
    editManifest(bundle, m -> ((ObjectNode) m.get("files")).put(name, Checksums.sha256(content)));
  }

  /** Replaces a file's bytes and its checksum in the manifest. */
  static void replace(Path bundle, String name, byte[] content) throws IOException {
    Files.deleteIfExists(bundle.resolve(name));
    Files.write(bundle.resolve(name), content);
    list(bundle, name, content);
  }

  /** Rewrites the JSON header of a safetensors file (data section unchanged), then its checksum. */
  static void editHeader(Path bundle, String name, Consumer<ObjectNode> edit) throws IOException {
    byte[] bytes = Files.readAllBytes(bundle.resolve(name));
    long headerLen = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    ObjectNode header =
        (ObjectNode)
            JSON.readTree(new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8).trim());
    edit.accept(header);
    byte[] data = Arrays.copyOfRange(bytes, 8 + (int) headerLen, bytes.length);
    replace(bundle, name, withHeader(JSON.writeValueAsBytes(header), data));
  }

  /** A safetensors file with the given header bytes and data section. */
  static byte[] withHeader(byte[] header, byte[] data) {
    ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length);
    out.order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).put(header).put(data);
    return out.array();
  }

  /** Overwrites the 8-byte header length of a safetensors file, then its checksum. */
  static void setHeaderLength(Path bundle, String name, long length) throws IOException {
    byte[] bytes = Files.readAllBytes(bundle.resolve(name));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
    replace(bundle, name, bytes);
  }

  /** A lower-case hex sha256 that matches nothing (for files never read that far). */
  static String anySha() {
    return HexFormat.of().formatHex(new byte[32]);
  }
}

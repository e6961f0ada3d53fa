package org.tinyseq.train.training;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyseq.train.model.Parameters;

/**
 * The state after a completed epoch, written atomically (temporary file, then rename) so that a
 * crash at any moment leaves the previous checkpoint intact: header (JSON: run identity, model
 * shape, vocabularies, epoch, history, best epoch), current parameters, optimizer state (Adam
 * moments and step count) and the best epoch's parameters. The batch order of an epoch is a pure
 * function of the seed and the epoch number, so nothing else is needed to continue identically.
 */
public final class Checkpoint {
  public static final String FILE_NAME = "checkpoint.bin";
  private static final int MAGIC = 0x54534331; // "TSC1"
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private Checkpoint() {}

  /** Header of a checkpoint: everything except the arrays. */
  public record Header(
      Map<String, Object> run,
      Map<String, Object> model,
      List<String> sourceVocabulary,
      List<String> targetVocabulary,
      int epoch,
      List<EpochRecord> history,
      int bestEpoch,
      double bestValidationLoss) {}

  /** The checkpoint as read back. */
  public record State(
      Header header, Parameters parameters, byte[] optimizerState, Parameters best) {}

  public static void write(
      Path dir, Header header, Parameters parameters, AdamOptimizer optimizer, Parameters best)
      throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
        DataOutputStream out = new DataOutputStream(os)) {
      out.writeInt(MAGIC);
      byte[] json = JSON.writeValueAsBytes(header);
      out.writeInt(json.length);
      out.write(json);
      parameters.write(out);
      optimizer.write(out);
      best.write(out);
    }
    Path target = dir.resolve(FILE_NAME);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The map as it reads back from JSON (numbers and nesting in JSON's types). */
  public static Map<String, Object> normalize(Map<String, Object> map) {
    try {
      return JSON.readValue(
          JSON.writeValueAsBytes(map), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE_NAME));
  }

  /** Reads the header and arrays; the optimizer state stays raw until the optimizer exists. */
  public static State read(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    try (InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        DataInputStream in = new DataInputStream(is)) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a tinyseq checkpoint");
      }
      byte[] json = new byte[in.readInt()];
      in.readFully(json);
      Header header = JSON.readValue(json, new TypeReference<Header>() {});
      Parameters parameters = Parameters.read(in);
      // The optimizer block is re-serialised to bytes so it can be applied later.
      java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
      DataOutputStream copy = new DataOutputStream(buffer);
      copy.writeInt(in.readInt());
      Parameters.writeArrays(Parameters.readArrays(in), copy);
      copy.flush();
      Parameters best = Parameters.read(in);
      return new State(
          new Header(
              header.run(),
              header.model(),
              header.sourceVocabulary(),
              header.targetVocabulary(),
              header.epoch(),
              new ArrayList<>(header.history()),
              header.bestEpoch(),
              header.bestValidationLoss()),
          parameters,
          buffer.toByteArray(),
          best);
    }
  }
}

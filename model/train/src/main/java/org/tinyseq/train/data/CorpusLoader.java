package org.tinyseq.train.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tinyseq.serve.bundle.Checksums;

/**
 * Reads a corpus file or folder in one of the {@link CorpusFormat}s. The corpus checksum is the
 * SHA-256 of the file's bytes (what {@code sha256sum} prints) or, for a folder, of the
 * concatenation of its {@code .yml}/{@code .yaml} files in reading order: sorted by relative path,
 * searched recursively.
 */
public final class CorpusLoader {
  private CorpusLoader() {}

  /**
   * Reads {@code path}.
   *
   * @throws NoSuchFileException when it does not exist
   * @throws MalformedDataException on the first malformed line under {@link MalformedPolicy#FAIL}
   * @throws IOException when it cannot be read, or a folder holds no YAML files
   */
  public static Corpus load(Path path, CorpusFormat format, MalformedPolicy policy)
      throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "corpus not found");
    }
    CorpusFormat resolved = format == CorpusFormat.AUTO ? detect(path) : format;
    if (Files.isDirectory(path) && resolved != CorpusFormat.CHAT) {
      throw new IOException(path + ": a folder can only be read as a chat corpus (--format chat)");
    }
    List<Path> files = Files.isDirectory(path) ? yamlFiles(path) : List.of(path);
    MalformedLog problems = new MalformedLog(policy);
    List<TextPair> pairs = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      all.writeBytes(bytes);
      pairs.addAll(
          switch (resolved) {
            case CHAT -> ChatYamlReader.read(file, bytes, problems);
            case DIALOGUE -> DialogueReader.read(file, bytes, problems);
            default -> TabSeparatedReader.read(file, bytes, resolved, problems);
          });
    }
    return new Corpus(
        name(path), path, Checksums.sha256(all.toByteArray()), pairs, problems.skipped());
  }

  /** The format {@link CorpusFormat#AUTO} chooses for {@code path}. */
  public static CorpusFormat detect(Path path) throws IOException {
    if (Files.isDirectory(path) || isYaml(path)) {
      return CorpusFormat.CHAT;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(1 << 16);
    }
    if (DialogueReader.isHeader(Utf8Lines.firstLine(head))) {
      return CorpusFormat.DIALOGUE;
    }
    return TabSeparatedReader.sniffColumns(head) >= 3 ? CorpusFormat.CMN : CorpusFormat.TSV;
  }

  /** The YAML files of a chat corpus folder, in reading order. */
  static List<Path> yamlFiles(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(CorpusLoader::isYaml)
              .sorted(Comparator.comparing(p -> folder.relativize(p).toString().replace('\\', '/')))
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException(folder + ": no .yml or .yaml files in this folder");
    }
    return files;
  }

  private static boolean isYaml(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  private static String name(Path path) {
    Path fileName = path.toAbsolutePath().normalize().getFileName();
    if (fileName == null) {
      return "corpus";
    }
    String name = fileName.toString();
    int dot = name.lastIndexOf('.');
    return Files.isDirectory(path) || dot <= 0 ? name : name.substring(0, dot);
  }
}

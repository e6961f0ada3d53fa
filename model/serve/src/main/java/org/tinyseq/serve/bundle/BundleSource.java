package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a bundle's files come from: a directory, or a folder of the classpath (the defaults). A
 * source reads only plain file names ({@link FileLimits#isPlainName}) and never more than the
 * caller's limit; a directory source reads only regular files, never through a symbolic link, and
 * looks at the file's type before opening it (opening a FIFO would block).
 */
public interface BundleSource {

  /** A human-readable location, for messages. */
  String location();

  /**
   * The bytes of one file of the bundle.
   *
   * @throws IOException when it is missing, not a plain name, not a regular file or larger than
   *     {@code maxBytes}
   */
  byte[] read(String fileName, long maxBytes) throws IOException;

  /**
   * The bundle part in the sub-folder {@code name} (a plain name, e.g. {@code reverse}) as a source
   * of its own, with the same rules.
   *
   * @throws IOException when this source has no such folder (or it is a link, not a folder)
   */
  default BundleSource subfolder(String name) throws IOException {
    throw new IOException(location() + " has no sub-folders");
  }

  /**
   * At most {@code length} bytes of a file from {@code offset} (negative: from the end), with the
   * file's size: cheap looks (a heap estimate) that read no more than asked. This default reads the
   * whole file within {@code maxBytes}; a directory source reads only the range.
   */
  default Range readRange(String fileName, long offset, int length, long maxBytes)
      throws IOException {
    byte[] all = read(fileName, maxBytes);
    int from = (int) Math.max(0, Math.min(all.length, offset < 0 ? all.length + offset : offset));
    int to = (int) Math.min(all.length, (long) from + length);
    return new Range(java.util.Arrays.copyOfRange(all, from, to), all.length);
  }

  /** Bytes of a file and the file's whole size. */
  record Range(byte[] bytes, long fileSize) {}

  static BundleSource directory(Path dir) {
    return new BundleSource() {
      @Override
      public String location() {
        return dir.toString();
      }

      @Override
      public byte[] read(String fileName, long maxBytes) throws IOException {
        Path file = dir.resolve(plain(fileName));
        long size = regularFileSize(file, fileName, maxBytes);
        try (SeekableByteChannel ch =
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
          return readAtMost(ch, fileName, maxBytes, size);
        }
      }

      @Override
      public BundleSource subfolder(String name) throws IOException {
        Path sub = dir.resolve(plain(name));
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(sub, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          throw new NoSuchFileException(name + "/ is missing");
        }
        if (!attrs.isDirectory() || attrs.isSymbolicLink()) {
          throw new IOException(name + " is not a folder of the bundle (a link or a file)");
        }
        return directory(sub);
      }

      @Override
      public Range readRange(String fileName, long offset, int length, long maxBytes)
          throws IOException {
        Path file = dir.resolve(plain(fileName));
        long size = regularFileSize(file, fileName, maxBytes);
        long from = Math.max(0, Math.min(size, offset < 0 ? size + offset : offset));
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, size - from));
        try (SeekableByteChannel ch =
            Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
          ch.position(from);
          while (buf.hasRemaining() && ch.read(buf) > 0) {
            // a file that shrank meanwhile gives fewer bytes: the full read will refuse it
          }
        }
        return new Range(java.util.Arrays.copyOf(buf.array(), buf.position()), size);
      }
    };
  }

  /**
   * A bundle packed in a jar under {@code resourceFolder}, e.g. {@code org/tinyseq/models/chat}.
   */
  static BundleSource classpath(String resourceFolder) {
    return new BundleSource() {
      @Override
      public String location() {
        return "classpath:" + resourceFolder;
      }

      @Override
      public byte[] read(String fileName, long maxBytes) throws IOException {
        try (InputStream in =
            BundleSource.class
                .getClassLoader()
                .getResourceAsStream(resourceFolder + "/" + plain(fileName))) {
          if (in == null) {
            throw new NoSuchFileException(location() + "/" + fileName);
          }
          byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
          if (bytes.length > maxBytes) {
            throw tooLarge(fileName, maxBytes);
          }
          return bytes;
        }
      }

      @Override
      public BundleSource subfolder(String name) throws IOException {
        return classpath(resourceFolder + "/" + plain(name));
      }
    };
  }

  /** The size of a regular file of the bundle, looked at without following links. */
  private static long regularFileSize(Path file, String fileName, long maxBytes)
      throws IOException {
    BasicFileAttributes attrs =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attrs.isSymbolicLink()) {
      throw new IOException(fileName + " is a symbolic link, not a file of the bundle");
    }
    if (!attrs.isRegularFile()) {
      throw new IOException(fileName + " is not a regular file");
    }
    if (attrs.size() > maxBytes) {
      throw tooLarge(fileName, maxBytes);
    }
    return attrs.size();
  }

  private static String plain(String fileName) throws IOException {
    if (!FileLimits.isPlainName(fileName)) {
      throw new IOException(
          "'" + FileLimits.printable(fileName) + "' is not a plain file name inside the bundle");
    }
    return fileName;
  }

  private static IOException tooLarge(String fileName, long maxBytes) {
    return new IOException(
        fileName + " is larger than the " + maxBytes + " bytes a bundle of this size may hold");
  }

  /** Reads the channel to its end, failing as soon as it holds more than {@code maxBytes}. */
  private static byte[] readAtMost(
      SeekableByteChannel ch, String fileName, long maxBytes, long expected) throws IOException {
    // The file may grow after its size was read: never trust the size, only the limit.
    long limit = Math.min(maxBytes, Integer.MAX_VALUE - 8L);
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(limit, Math.max(expected, 0)) + 1);
    while (true) {
      if (!buf.hasRemaining()) {
        if (buf.capacity() > limit) {
          throw tooLarge(fileName, maxBytes);
        }
        ByteBuffer bigger =
            ByteBuffer.allocate((int) Math.min(limit + 1, Math.max(16, 2L * buf.capacity())));
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
      if (ch.read(buf) < 0) {
        break;
      }
    }
    if (buf.position() > limit) {
      throw tooLarge(fileName, maxBytes);
    }
    byte[] out = new byte[buf.position()];
    buf.flip();
    buf.get(out);
    return out;
  }
}

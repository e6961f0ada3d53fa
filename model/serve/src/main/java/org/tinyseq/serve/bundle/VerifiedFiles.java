package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The listed files of one bundle, each read once and checked against its manifest checksum before
 * its bytes are handed out: the checksum is computed over the very bytes that are parsed, so a file
 * rewritten while the bundle loads can never load unverified.
 */
final class VerifiedFiles {
  private final BundleSource source;
  private final Manifest manifest;
  private final FileLimits limits;
  private final Set<String> unread;

  VerifiedFiles(BundleSource source, Manifest manifest, FileLimits limits) {
    this.source = source;
    this.manifest = manifest;
    this.limits = limits;
    this.unread = new LinkedHashSet<>(manifest.files().keySet());
  }

  /** The bytes of a listed file, read now (once) and verified against the manifest. */
  byte[] read(String name) throws BundleException {
    String expected = manifest.files().get(name);
    if (expected == null || !unread.remove(name)) {
      throw new BundleException(
          source.location() + ": " + name + " is not listed in the manifest, or read twice");
    }
    byte[] bytes;
    try {
      bytes = source.read(name, limits.maxBytes(name));
    } catch (NoSuchFileException e) {
      throw new BundleException(source.location() + ": missing file " + name, e);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(
          source.location() + ": cannot read " + name + " (" + e.getMessage() + ")", e);
    }
    if (!Checksums.sha256(bytes).equalsIgnoreCase(expected)) {
      throw new BundleException(
          source.location() + ": checksum mismatch for " + name + " (corrupt or truncated bundle)");
    }
    return bytes;
  }

  /** Reads and verifies every listed file not read yet (extras such as a loss curve). */
  void verifyRest() throws BundleException {
    for (String name : Set.copyOf(unread)) {
      read(name);
    }
  }
}

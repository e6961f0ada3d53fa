package org.tinyseq.serve.registry;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleSource;

/**
 * What serves a kind when the models directory has no valid bundle of it: the embedded default
 * (when there is one and it loads; a default that fails is refused once for the life of the
 * process), else the model in memory keeps serving, else nothing (requests are UNAVAILABLE). Each
 * of these situations is logged once until it changes.
 */
final class DefaultFallback {
  private static final Logger log = LoggerFactory.getLogger(DefaultFallback.class);

  private final Function<String, BundleSource> defaults;
  private final ModelLoader loader;
  private final RegistryEvents events;
  private final Map<String, String> refused = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /**
   * @param defaults the embedded default bundle of a kind, or null to use none
   */
  DefaultFallback(
      Function<String, BundleSource> defaults, ModelLoader loader, RegistryEvents events) {
    this.defaults = defaults;
    this.loader = loader;
    this.events = events;
  }

  /**
   * The default model to serve {@code kind} now that no directory bundle does, or null to keep
   * {@code current} (which may be null: nothing serves).
   */
  LoadedModel replacement(String kind, LoadedModel current) {
    if (current != null && (current.path() == null || Files.isDirectory(current.path()))) {
      return null; // a default serves, or the directory listing failed for a moment: keep it
    }
    if (defaults != null && !refused.containsKey(kind)) {
      BundleSource source = defaults.apply(kind);
      try {
        return loader.load(source, kind, null, null);
      } catch (BundleException | RuntimeException | Error e) {
        String reason =
            e.getCause() instanceof NoSuchFileException
                ? "not embedded in this build"
                : e instanceof BundleException
                    ? Locations.without(e.getMessage(), source.location())
                    : "unexpected failure while loading: " + e;
        if (!(e instanceof BundleException)) {
          log.warn("Unexpected failure while loading default {} model", kind, e);
        }
        refused.put(kind, reason);
        log.warn("Refused default {} model {}: {}", kind, source.location(), reason);
        events.onLoadFailure(source.location(), reason);
      }
    }
    if (current != null && warned.add(current.cacheId())) {
      log.warn(
          "Bundle {} is gone and no other valid {} bundle is left; it keeps serving from memory",
          current.location(),
          kind);
    } else if (current == null && warned.add("none:" + kind)) {
      log.warn("No valid {} model: {} requests are answered UNAVAILABLE", kind, kind);
    }
    return null;
  }

  /**
   * Whether the defaults of {@code kinds} (none refused) fit the heap all at once, by their {@link
   * HeapEstimate}s summed; false when one cannot be estimated.
   */
  boolean fitSideBySide(List<String> kinds, HeapRoom heap) {
    if (defaults == null) {
      return false;
    }
    HeapEstimate sum = null;
    for (String kind : kinds) {
      if (refused.containsKey(kind)) {
        return false;
      }
      try {
        HeapEstimate e = HeapEstimate.of(defaults.apply(kind));
        sum = sum == null ? e : sum.plus(e);
      } catch (BundleException | RuntimeException e) {
        return false; // the sequential load reports why
      }
    }
    return sum != null && heap.refusal(sum) == null;
  }

  /** A model serves {@code kind} again: a later loss is worth a warning again. */
  void served(String kind) {
    warned.remove("none:" + kind);
  }

  /** "default:kind: reason" for every refused default. */
  List<String> report() {
    List<String> out = new ArrayList<>();
    refused.forEach((kind, reason) -> out.add("default:" + kind + ": " + reason));
    return out;
  }
}

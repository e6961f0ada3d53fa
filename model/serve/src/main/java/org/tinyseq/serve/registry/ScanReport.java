package org.tinyseq.serve.registry;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@link ModelRegistry#scan}.
 *
 * @param loaded versions swapped in by this scan
 * @param refused every bundle currently refused, as {@code "path: reason"}
 * @param current the version serving each kind, by kind
 */
public record ScanReport(List<String> loaded, List<String> refused, Map<String, String> current) {}

package org.tinyseq.serve;

import java.util.List;
import java.util.Map;

/**
 * What one scan of the models directory did.
 *
 * @param loaded versions loaded and swapped in by this scan
 * @param refused bundles that are refused (newly or remembered from an earlier scan), each as
 *     {@code "path: reason"}
 * @param current the version serving each kind after the scan, by kind
 */
public record ReloadReport(
    List<String> loaded, List<String> refused, Map<String, String> current) {}

package org.tinyseq.train.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.tinyseq.train.eval.EvaluationReport;

/**
 * What {@code eval --json} and {@code baseline --json} write.
 *
 * @param model bundle version (null for the baseline command)
 * @param data corpus path
 * @param corpusSha256 checksum of the corpus read
 * @param split {@code validation} or {@code all}
 * @param dataOptions how the pairs were prepared
 * @param result the model's scores (null for the baseline command)
 * @param baseline the translation-memory baseline's scores on the same pairs (when asked)
 * @param decodeSeconds wall time of the model's decoding
 * @param corpusStats counts of the corpus preparation (baseline command)
 * @param beam the model's beam size (1: greedy; null for the baseline command)
 * @param memory the bundle's example memory: threshold, memory-only, decoder-only and combined
 *     figures on the same pairs (eval with a memory and {@code --memory on})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EvalSummary(
    String model,
    String data,
    String corpusSha256,
    String split,
    Map<String, Object> dataOptions,
    EvaluationReport result,
    EvaluationReport baseline,
    Double decodeSeconds,
    Map<String, Object> corpusStats,
    Integer beam,
    Map<String, Object> memory) {}

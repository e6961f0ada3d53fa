package org.tinyseq.serve.decode;

/**
 * A source text as the encoder's input ids.
 *
 * @param ids source vocabulary ids, no markers; at most {@code architecture.maxSourceLength}
 * @param unknownTokens how many of {@code ids} are {@code <unk>} (tokens outside the vocabulary)
 * @param truncated true when the text had more tokens than the model's limit and only the first
 *     {@code maxSourceLength} were kept
 */
public record SourceIds(int[] ids, int unknownTokens, boolean truncated) {
  public int length() {
    return ids.length;
  }
}

package org.tinyseq.train.cli;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values by their JSON names ({@code --kind translate}, {@code --cell gru}, {@code --tokens
 * word}), exactly as the manifests write them: the constant names ({@code GRU}) and other spellings
 * are refused, although {@link ModelCli} allows case-insensitive values for its other enums.
 */
final class JsonNameConverters {
  private JsonNameConverters() {}

  /** {@code translate} or {@code chat}. */
  static final class KindConverter implements ITypeConverter<ModelKind> {
    @Override
    public ModelKind convert(String value) {
      return byJsonName(value, ModelKind.values(), ModelKind::jsonName);
    }
  }

  /** {@code lstm} or {@code gru}. */
  static final class CellConverter implements ITypeConverter<Cell> {
    @Override
    public Cell convert(String value) {
      return byJsonName(value, Cell.values(), Cell::jsonName);
    }
  }

  /** {@code char} or {@code word}. */
  static final class TokenUnitConverter implements ITypeConverter<TokenUnit> {
    @Override
    public TokenUnit convert(String value) {
      return byJsonName(value, TokenUnit.values(), TokenUnit::jsonName);
    }
  }

  /** {@code none} or {@code luong}. */
  static final class AttentionConverter implements ITypeConverter<Attention> {
    @Override
    public Attention convert(String value) {
      return byJsonName(value, Attention.values(), Attention::jsonName);
    }
  }

  private static <E> E byJsonName(String value, E[] values, Function<E, String> jsonName) {
    for (E e : values) {
      if (jsonName.apply(e).equals(value)) {
        return e;
      }
    }
    String known = Arrays.stream(values).map(jsonName).collect(Collectors.joining(" or "));
    throw new TypeConversionException("must be " + known + ", got '" + value + "'");
  }
}

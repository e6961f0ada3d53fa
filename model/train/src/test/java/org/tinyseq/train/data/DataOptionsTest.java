package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataOptionsTest {
  @Test
  void survivesAManifestJsonRoundTrip() throws Exception {
    DataOptions options = new DataOptions(1234567890123L, 0.05, false, 80, 30);
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> read =
        json.readValue(json.writeValueAsString(options.toMap()), new TypeReference<>() {});
    assertEquals(options, DataOptions.fromMap(read));
  }

  @Test
  void theLowercaseShareRoundTripsAndIsAbsentFromOlderManifests() throws Exception {
    DataOptions options = new DataOptions(42, 0.1, true, 120, 120, 0.3);
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> read =
        json.readValue(json.writeValueAsString(options.toMap()), new TypeReference<>() {});
    assertEquals(options, DataOptions.fromMap(read));
    assertEquals(0.3, read.get(DataOptions.KEY_LOWERCASE_SHARE));
    // without copies the map is what it always was, and an old map reads as "no copies"
    assertEquals(false, DataOptions.defaults().toMap().containsKey("lowercaseSourceShare"));
    assertEquals(0, DataOptions.fromMap(Map.of("splitSeed", 1)).lowercaseShare());
    assertThrows(IllegalArgumentException.class, () -> new DataOptions(1, 0.1, true, 1, 1, 1.5));
  }

  @Test
  void missingKeysTakeDefaultsAndOtherKeysAreIgnored() {
    assertEquals(DataOptions.defaults(), DataOptions.fromMap(Map.of("epochs", 3)));
    assertEquals(DataOptions.defaults(), DataOptions.fromMap(null));
    assertEquals(
        new DataOptions(9, 0.1, true, 60, 40), DataOptions.fromMap(Map.of("splitSeed", "9")));
  }

  @Test
  void rejectsImpossibleValues() {
    assertThrows(IllegalArgumentException.class, () -> new DataOptions(1, 1.0, true, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new DataOptions(1, 0.1, true, -1, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> DataOptions.fromMap(Map.of("validationFraction", "lots")));
  }
}

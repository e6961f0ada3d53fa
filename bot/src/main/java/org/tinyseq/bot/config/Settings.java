package org.tinyseq.bot.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Raw key/value settings in layers: packaged defaults, then the {@code BOT_CONFIG} file, then the
 * environment. Only keys present in the defaults are read from the environment, so the whole
 * environment is never copied (nor logged). An empty value counts as unset.
 */
public final class Settings {
  /** Classpath resource holding the defaults (a copy of {@code config/bot.properties}). */
  public static final String DEFAULTS_RESOURCE = "/bot.properties";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Defaults, {@code BOT_CONFIG} file (if the environment names one), environment overrides. */
  public static Settings load(Map<String, String> environment) {
    Map<String, String> merged = new LinkedHashMap<>(packagedDefaults());
    String file = environment.get("BOT_CONFIG");
    if (file != null && !file.isBlank()) {
      merged.putAll(readFile(Path.of(file.strip())));
    }
    for (String key : merged.keySet().toArray(String[]::new)) {
      String value = environment.get(key);
      if (value != null) {
        merged.put(key, value);
      }
    }
    return new Settings(merged);
  }

  /** Settings from an explicit map (tests), on top of the packaged defaults. */
  public static Settings of(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(packagedDefaults());
    merged.putAll(overrides);
    return new Settings(merged);
  }

  public Optional<String> get(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  public int getInt(String key, int fallback) {
    return getInt(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** An integer in [min, max]; anything else is a {@link ConfigException} naming the key. */
  public int getInt(String key, int fallback, int min, int max) {
    return (int) getLong(key, fallback, min, max);
  }

  /** A whole number in [min, max]; anything else is a {@link ConfigException} naming the key. */
  public long getLong(String key, long fallback, long min, long max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    long v = parseLong(key, raw.get());
    if (v < min || v > max) {
      throw new ConfigException(
          key + " must be between " + min + " and " + max + ", not " + raw.get());
    }
    return v;
  }

  public boolean getBoolean(String key, boolean fallback) {
    return get(key)
        .map(
            v -> {
              switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1", "on":
                  return true;
                case "false", "no", "0", "off":
                  return false;
                default:
                  throw new ConfigException(key + " must be true or false, not '" + v + "'");
              }
            })
        .orElse(fallback);
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      // the key and the value say it all; the parser's own message would only repeat them
      throw new ConfigException(key + " must be a whole number, not '" + value + "'");
    }
  }

  private static Map<String, String> packagedDefaults() {
    try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("bot.properties is missing from the classpath");
      }
      return toMap(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read the packaged bot.properties: " + e.getMessage());
    }
  }

  private static Map<String, String> readFile(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return toMap(in);
    } catch (IOException e) {
      throw new ConfigException("cannot read BOT_CONFIG file " + path + ": " + e.getMessage());
    }
  }

  private static Map<String, String> toMap(InputStream in) throws IOException {
    Properties p = new Properties();
    try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> m = new LinkedHashMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }
}

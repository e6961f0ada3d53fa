package org.tinyseq.bot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Validates request bodies against Discord's OpenAPI 3.1 description (test resource
 * discord/openapi.json): finds the path template a concrete path matches, takes its {@code
 * application/json} request schema, and validates with JSON Schema 2020-12. The spec's {@code
 * components} are attached to each body schema so that its {@code #/components/schemas/...}
 * references resolve.
 */
public final class OpenApiValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC_RESOURCE = "discord/openapi.json";
  private static volatile OpenApiValidator shared;

  private final JsonNode spec;
  private final List<Template> templates = new ArrayList<>();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  private record Template(String path, Pattern pattern, int placeholders) {}

  private OpenApiValidator(JsonNode spec) {
    this.spec = spec;
    for (Iterator<String> it = spec.get("paths").fieldNames(); it.hasNext(); ) {
      String p = it.next();
      String regex = Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      int holes = p.split("\\{", -1).length - 1;
      templates.add(new Template(p, Pattern.compile(regex), holes));
    }
    // A literal segment such as @original wins over a placeholder.
    templates.sort(Comparator.comparingInt(Template::placeholders));
  }

  /**
   * JDA writes the command fields {@code contexts} and {@code integration_types} as arrays of
   * numeric strings ({@code ["0","1"]}) where the spec says integers; Discord accepts both (it
   * parses numeric strings). Only these two known fields are converted before validating, so any
   * other type mismatch is still reported.
   */
  static JsonNode normalise(JsonNode body) {
    JsonNode copy = body.deepCopy();
    for (JsonNode command : copy.isArray() ? copy : JSON.createArrayNode().add(copy)) {
      for (String field : new String[] {"contexts", "integration_types"}) {
        JsonNode values = command.get(field);
        if (values != null && values.isArray()) {
          com.fasterxml.jackson.databind.node.ArrayNode ints = JSON.createArrayNode();
          for (JsonNode v : values) {
            if (v.isTextual() && v.asText().matches("\\d+")) {
              ints.add(v.asInt());
            } else {
              ints.add(v);
            }
          }
          ((ObjectNode) command).set(field, ints);
        }
      }
    }
    return copy;
  }

  /** The validator over the shared spec (loaded once per JVM). */
  public static OpenApiValidator shared() {
    if (shared == null) {
      synchronized (OpenApiValidator.class) {
        if (shared == null) {
          shared = new OpenApiValidator(loadSpec());
        }
      }
    }
    return shared;
  }

  /**
   * Discord's spec from this module's test resources ({@code discord/openapi.json}, with its MIT
   * license and source note beside it), so the tests need nothing outside the repository.
   */
  static JsonNode loadSpec() {
    try (InputStream in =
        OpenApiValidator.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SPEC_RESOURCE + " is missing from the test resources");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spec's path template for {@code path} (relative to the API root, e.g. /users/@me). */
  public Optional<String> template(String path) {
    return templates.stream()
        .filter(t -> t.pattern.matcher(path).matches())
        .map(Template::path)
        .findFirst();
  }

  /**
   * Problems of {@code body} as a request to {@code method path}; empty when valid. An operation
   * the spec does not know, or one without a JSON body schema while a body was sent, is a problem.
   */
  public List<String> validate(String method, String path, JsonNode body) {
    Optional<String> t = template(path);
    if (t.isEmpty()) {
      return List.of("no path in the spec matches " + path);
    }
    JsonNode op = spec.get("paths").get(t.get()).get(method.toLowerCase(Locale.ROOT));
    if (op == null) {
      return List.of("the spec has no " + method + " " + t.get());
    }
    JsonNode schemaNode = op.at("/requestBody/content/application~1json/schema");
    if (schemaNode.isMissingNode()) {
      return body == null ? List.of() : List.of(method + " " + t.get() + " takes no JSON body");
    }
    if (body == null) {
      return op.at("/requestBody/required").asBoolean(false)
          ? List.of(method + " " + t.get() + " requires a body")
          : List.of();
    }
    JsonSchema schema =
        schemas.computeIfAbsent(
            method + " " + t.get(),
            k -> {
              ObjectNode s = schemaNode.deepCopy();
              s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
              s.set("components", spec.get("components"));
              return factory.getSchema(s);
            });
    List<String> problems = new ArrayList<>();
    for (ValidationMessage m : schema.validate(normalise(body))) {
      problems.add(method + " " + t.get() + ": " + m.getMessage());
    }
    return problems;
  }
}

package org.tinyseq.train.data;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a chatterbot-corpus YAML file: {@code conversations:} is a list of conversations, each a
 * list of statements; consecutive statements form pairs (s0 to s1, s1 to s2, ...). A conversation
 * that is not a list of at least two plain statements is malformed (named by its 0-based index and
 * line). The YAML is read as a node tree, so statements keep their exact text ({@code Yes} stays a
 * string rather than becoming {@code true}).
 */
final class ChatYamlReader {
  private ChatYamlReader() {}

  static List<TextPair> read(Path file, byte[] bytes, MalformedLog problems)
      throws MalformedDataException {
    List<TextPair> pairs = new ArrayList<>();
    Node root;
    try {
      root =
          new Yaml(new LoaderOptions())
              .compose(
                  new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      problems.report(file, line, "invalid YAML: " + e.getProblem() + " (file skipped)");
      return pairs;
    } catch (YAMLException e) {
      problems.report(file, 1, "invalid YAML: " + e.getMessage() + " (file skipped)");
      return pairs;
    }
    SequenceNode conversations = conversations(root);
    if (conversations == null) {
      problems.report(file, 1, "no 'conversations:' list (file skipped)");
      return pairs;
    }
    List<Node> entries = conversations.getValue();
    for (int index = 0; index < entries.size(); index++) {
      Node entry = entries.get(index);
      List<String> statements = statements(entry);
      if (statements == null) {
        problems.report(
            file,
            entry.getStartMark().getLine() + 1,
            "conversation #" + index + " is not a list of at least 2 statements (skipped)");
        continue;
      }
      for (int i = 0; i + 1 < statements.size(); i++) {
        pairs.add(new TextPair(statements.get(i), statements.get(i + 1)));
      }
    }
    return pairs;
  }

  private static SequenceNode conversations(Node root) {
    if (!(root instanceof MappingNode mapping)) {
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key
          && "conversations".equals(key.getValue())
          && tuple.getValueNode() instanceof SequenceNode list) {
        return list;
      }
    }
    return null;
  }

  private static List<String> statements(Node entry) {
    if (!(entry instanceof SequenceNode sequence) || sequence.getValue().size() < 2) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Node statement : sequence.getValue()) {
      if (!(statement instanceof ScalarNode scalar)) {
        return null;
      }
      out.add(scalar.getValue());
    }
    return out;
  }
}

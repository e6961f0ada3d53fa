package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.registry.ModelDirs;

class SourceLanguageTest {
  @TempDir Path root;

  @Test
  void mostlyNonLatinLettersAreNotEnglish() {
    assertTrue(SourceLanguage.notEnglish("你好"));
    assertTrue(SourceLanguage.notEnglish("我喜欢茶。"));
    assertTrue(SourceLanguage.notEnglish("こんにちは"));
    assertTrue(SourceLanguage.notEnglish("Привет, мир"));
    assertFalse(SourceLanguage.notEnglish("Hello."));
    assertFalse(SourceLanguage.notEnglish("How do you say 你好?"));
    assertFalse(SourceLanguage.notEnglish("42 :-)"), "no letters: nothing to judge");
    assertFalse(SourceLanguage.notEnglish("Café au lait"), "Latin script passes");
  }

  @Test
  void chineseSentToTranslateGetsAShortClearAnswerNotAGarbledTranslation() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    ModelDirs.write(root, "chat", "c1", 1, 2);
    try (DefaultModelService service = ServiceFixture.service(ServiceFixture.config(root))) {
      Reply r = service.submit(Command.TRANSLATE, "你好").join();
      assertEquals(Status.NOT_ENGLISH, r.status());
      assertEquals(SourceLanguage.MESSAGE, r.error());
      assertTrue(
          service.cached(Command.TRANSLATE, "你好").orElseThrow().status() == Status.NOT_ENGLISH);
      assertEquals(Status.OK, service.submit(Command.CHAT, "你好").join().status(), "chat is free");
      assertEquals(Status.OK, service.submit(Command.TRANSLATE, "abc").join().status());
    }
  }
}

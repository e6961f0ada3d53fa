package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.TranslateRoute.Into;
import org.tinyseq.serve.registry.ModelDirs;

class TranslateRouteTest {
  @TempDir Path root;

  @Test
  void theTextsLettersChooseTheDirection() {
    assertEquals(Command.TRANSLATE_ZH_EN, TranslateRoute.of("你好，我很高兴见到你。", Into.AUTO).command());
    assertEquals(Command.TRANSLATE_ZH_EN, TranslateRoute.of("這是書。", Into.AUTO).command());
    assertEquals(
        Command.TRANSLATE, TranslateRoute.of("Hello, nice to meet you.", Into.AUTO).command());
    assertEquals(Command.TRANSLATE_ZH_EN, TranslateRoute.of("我喜欢 Python", Into.AUTO).command());
    assertEquals(Command.TRANSLATE, TranslateRoute.of("How do you say 你好?", Into.AUTO).command());
    assertEquals(Command.TRANSLATE, TranslateRoute.of("42 :-)", Into.AUTO).command(), "no letters");
    assertEquals(Command.TRANSLATE, TranslateRoute.of("", Into.AUTO).command(), "the input check");
  }

  @Test
  void textInNeitherLanguageGetsAShortAnswer() {
    for (String text : new String[] {"こんにちは、元気ですか", "Привет, мир", "안녕하세요"}) {
      TranslateRoute.Route r = TranslateRoute.of(text, Into.AUTO);
      assertNull(r.command(), text);
      assertEquals(TranslateRoute.NEITHER, r.refusal());
    }
  }

  @Test
  void anExplicitTargetNeedsSomeTextOfTheOtherLanguage() {
    assertEquals(
        Command.TRANSLATE_ZH_EN, TranslateRoute.of("How do you say 你好?", Into.ENGLISH).command());
    assertEquals(Command.TRANSLATE, TranslateRoute.of("我喜欢 Python", Into.CHINESE).command());
    assertEquals(TranslateRoute.NO_CHINESE, TranslateRoute.of("Hello", Into.ENGLISH).refusal());
    assertEquals(TranslateRoute.NO_ENGLISH, TranslateRoute.of("你好", Into.CHINESE).refusal());
  }

  @Test
  void theChineseModelReadsSimplifiedAndRefusesTextWithoutChinese() throws Exception {
    ModelDirs.write(root, "translate", "t1", 1, 1);
    ModelDirs.write(root, "translate-zh-en", "z1", 1, 3);
    ModelDirs.write(root, "chat", "c1", 1, 2);
    try (DefaultModelService service = ServiceFixture.service(ServiceFixture.config(root))) {
      Reply none = service.submit(Command.TRANSLATE_ZH_EN, "hello").join();
      assertEquals(Status.NOT_CHINESE, none.status());
      assertEquals(TranslateRoute.NO_CHINESE, none.error());
      Reply simplified = service.submit(Command.TRANSLATE_ZH_EN, "这是书").join();
      assertEquals(Status.OK, simplified.status());
      assertEquals("z1", simplified.modelVersion());
      Reply traditional = service.submit(Command.TRANSLATE_ZH_EN, "這是書").join();
      assertEquals(simplified.text(), traditional.text());
      assertEquals(true, traditional.cached(), "folded before the cache key");
    }
  }

  @Test
  void eachDirectionHotSwapsOnItsOwn() throws Exception {
    ModelDirs.write(root, "translate", "t1", 1, 1);
    ModelDirs.write(root, "translate-zh-en", "z1", 1, 3);
    ModelDirs.write(root, "chat", "c1", 1, 2);
    try (DefaultModelService service = ServiceFixture.service(ServiceFixture.config(root))) {
      assertEquals("z1", service.submit(Command.TRANSLATE_ZH_EN, "书").join().modelVersion());
      ModelDirs.write(root, "translate-zh-en", "z2", 2, 4);
      service.reload();
      assertEquals("z2", service.submit(Command.TRANSLATE_ZH_EN, "书").join().modelVersion());
      assertEquals("t1", service.submit(Command.TRANSLATE, "abc").join().modelVersion());
      assertEquals("z2", service.info(Command.TRANSLATE_ZH_EN).version());
      assertEquals("t1", service.info(Command.TRANSLATE).version());
    }
  }
}

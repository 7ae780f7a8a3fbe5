package io.hookstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.architecture.SourceFile.Reference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The scan finds a package however the code names it, and never in comments or strings. */
class JavaSourceScanTest {

  @Test
  void findsImportsStaticImportsWildcardsAndQualifiedNamesButNotCommentsOrStrings() {
    SourceFile f =
        SourceFile.parse(
            Path.of("a/b/C.java"),
            String.join(
                "\n",
                "package a.b;",
                "import io.hookstream.one.internal.A;",
                "import static io.hookstream.two.B.method;",
                "import io.hookstream.three.*;",
                "// io.hookstream.comment.internal.X",
                "/** {@link io.hookstream.javadoc.Y} */",
                "class C {",
                "  String s = \"io.hookstream.string.Z \\\" io.hookstream.escaped.Q\";",
                "  char q = '\"';",
                "  Object o = io.hookstream.four.internal.Json.MAPPER;",
                "  String t = \"\"\"",
                "      io.hookstream.textblock.T\"\"\";",
                "}"));

    assertThat(f.packageName()).isEqualTo("a.b");
    assertThat(f.className()).isEqualTo("a.b.C");
    assertThat(f.references())
        .containsExactly(
            new Reference("io.hookstream.one.internal", 2),
            new Reference("io.hookstream.two", 3),
            new Reference("io.hookstream.three", 4),
            new Reference("io.hookstream.four.internal", 10));
  }
}

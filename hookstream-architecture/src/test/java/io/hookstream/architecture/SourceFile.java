package io.hookstream.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One main source file: its package, its top-level class, and every hookstream package its code
 * names, by import or by a fully qualified name (comments and string literals do not count).
 */
record SourceFile(Path path, String packageName, String className, List<Reference> references) {

  private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");

  /** A qualified name: lower-case package segments, then (unless a wildcard) a type. */
  private static final Pattern QUALIFIED =
      Pattern.compile("\\bio\\.hookstream((?:\\s*\\.\\s*[a-z_][\\w]*)*)");

  static SourceFile read(Path sourceRoot, Path file) throws IOException {
    return parse(sourceRoot.relativize(file), Files.readString(file));
  }

  /** {@code path}: the file's path below {@code src/main/java}. */
  static SourceFile parse(Path path, String text) {
    String code = JavaText.codeOnly(text);
    Matcher pkg = PACKAGE.matcher(code);
    String packageName = pkg.find() ? pkg.group(1) : "";
    String fileName = path.getFileName().toString();
    String className = packageName + "." + fileName.substring(0, fileName.length() - 5);
    List<Reference> refs = new ArrayList<>();
    Matcher m = QUALIFIED.matcher(code);
    while (m.find()) {
      String name = ("io.hookstream" + m.group(1)).replaceAll("\\s", "");
      refs.add(new Reference(name, lineOf(code, m.start())));
    }
    return new SourceFile(path, packageName, className, List.copyOf(refs));
  }

  /** package-info and module-info declare no class. */
  boolean declaresClass() {
    String name = path.getFileName().toString();
    return !name.equals("package-info.java") && !name.equals("module-info.java");
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** A hookstream package named at a line of this file. */
  record Reference(String packageName, int line) {}
}

package io.hookstream.architecture;

import io.hookstream.Hookstream;
import io.hookstream.examples.embedded.EmbeddedExample;
import java.lang.reflect.Method;

/**
 * The embedding example as an application on the class path with the library on the module path,
 * started by {@link JavaModulesTest} in a child JVM; then it tries core's internal JSON helper.
 */
public final class ModulePathEmbedding {

  private ModulePathEmbedding() {}

  public static void main(String[] args) throws Exception {
    System.out.println("core module: " + Hookstream.class.getModule().getName());
    EmbeddedExample.main(args);
    Method write = Class.forName("io.hookstream.internal.Json").getMethod("write", Object.class);
    try {
      write.invoke(null, "x");
      System.out.println("internal: reachable");
    } catch (IllegalAccessException e) {
      System.out.println("internal: closed");
    }
  }
}

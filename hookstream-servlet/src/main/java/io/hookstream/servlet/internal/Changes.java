package io.hookstream.servlet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The changes a request body asks for, collected while its fields are read and applied later to a
 * spec builder (a new one for create, one holding the current settings for update). Not
 * thread-safe.
 *
 * @param <B> the spec builder type
 */
final class Changes<B> {

  private final List<Consumer<B>> ops = new ArrayList<>();

  /** A consumer that records "call {@code setter} with the value read". */
  <T> Consumer<T> set(BiConsumer<B, T> setter) {
    return v -> ops.add(b -> setter.accept(b, v));
  }

  /** Records an arbitrary change. */
  void add(Consumer<B> op) {
    ops.add(op);
  }

  UnaryOperator<B> toOperator() {
    List<Consumer<B>> copy = List.copyOf(ops);
    return b -> {
      copy.forEach(op -> op.accept(b));
      return b;
    };
  }
}

package io.hookstream.architecture;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The places where a class outsiders can see names a type from an {@code internal} package in a
 * member outsiders can call: public or protected constructors, methods (parameters, return and
 * thrown types) and fields, and the class's own supertypes. Each is one line, {@code
 * source.SourceService#<init> -> internal.Ids} (names without {@code io.hookstream.}), stable
 * across runs.
 */
final class InternalTypeExposures {

  private static final String PREFIX = "io.hookstream.";

  private InternalTypeExposures() {}

  /** The exposures of {@code type} and its nested classes; empty if outsiders cannot see it. */
  static Set<String> of(Class<?> type) {
    Set<String> out = new TreeSet<>();
    collect(type, out);
    return out;
  }

  private static void collect(Class<?> type, Set<String> out) {
    if (!visible(type.getModifiers())
        || ModuleBoundariesTest.isInternal(type.getPackageName())
        || type.isSynthetic()) {
      return;
    }
    List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      supertypes.add(type.getGenericSuperclass());
    }
    check(type, "extends", supertypes, out);
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (callable(c)) {
        check(type, "<init>", List.of(c.getGenericParameterTypes()), out);
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (callable(m) && !m.isBridge()) {
        List<Type> mentioned = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        mentioned.add(m.getGenericReturnType());
        mentioned.addAll(List.of(m.getGenericExceptionTypes()));
        check(type, m.getName(), mentioned, out);
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (callable(f)) {
        check(type, f.getName(), List.of(f.getGenericType()), out);
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      collect(nested, out);
    }
  }

  private static boolean callable(Member m) {
    return visible(m.getModifiers()) && !m.isSynthetic();
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(Class<?> owner, String member, List<Type> types, Set<String> out) {
    for (Type t : types) {
      for (Class<?> named : named(t)) {
        if (ModuleBoundariesTest.isInternal(named.getPackageName())) {
          out.add(shortName(owner) + "#" + member + " -> " + shortName(named));
        }
      }
    }
  }

  private static String shortName(Class<?> type) {
    String name = type.getName();
    return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
  }

  /** The classes a generic type names: itself, type arguments, array components, bounds. */
  private static List<Class<?>> named(Type t) {
    List<Class<?>> out = new ArrayList<>();
    if (t instanceof Class<?> c) {
      out.add(c.isArray() ? c.componentType() : c);
    } else if (t instanceof ParameterizedType p) {
      out.addAll(named(p.getRawType()));
      for (Type arg : p.getActualTypeArguments()) {
        out.addAll(named(arg));
      }
    } else if (t instanceof GenericArrayType a) {
      out.addAll(named(a.getGenericComponentType()));
    } else if (t instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        out.addAll(named(bound));
      }
      for (Type bound : w.getLowerBounds()) {
        out.addAll(named(bound));
      }
    }
    return out;
  }
}

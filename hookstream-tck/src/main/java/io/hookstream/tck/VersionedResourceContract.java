package io.hookstream.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.tck.StoreFixtures.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Checks shared by the versioned, soft-deletable resources (sources, destinations, connections):
 * insert, find, compare-and-set update, soft delete, tenant isolation, paging, unique slugs.
 */
abstract class VersionedResourceContract extends RepositoryContract {

  VersionedResourceContract(StoreContract owner) {
    super(owner);
  }

  /** Creates a row of a resource type; types without a slug ignore it. */
  @FunctionalInterface
  interface RowFactory<T> {
    T create(Scope s, String id, String slug, String name, long version);
  }

  /** Soft-deletes a row of a resource type. */
  @FunctionalInterface
  interface Deleter {
    boolean delete(Scope s, String id, Instant at);
  }

  /** One versioned, soft-deletable resource type, seen through its repository. */
  record Resource<T>(
      String prefix,
      RowFactory<T> factory,
      Consumer<T> inserter,
      BiFunction<Scope, String, Optional<T>> finder,
      BiFunction<Scope, PageRequest, Page<T>> lister,
      Predicate<T> updater,
      Deleter deleter,
      Function<T, String> idOf,
      Function<T, String> nameOf,
      ToLongFunction<T> versionOf) {

    T create(Scope s, String id, String slug, String name, long version) {
      return factory.create(s, id, slug, name, version);
    }

    void insert(T row) {
      inserter.accept(row);
    }

    Optional<T> find(Scope s, String id) {
      return finder.apply(s, id);
    }

    Page<T> list(Scope s, PageRequest page) {
      return lister.apply(s, page);
    }

    boolean update(T row) {
      return updater.test(row);
    }

    boolean delete(Scope s, String id, Instant at) {
      return deleter.delete(s, id, at);
    }

    String id(T row) {
      return idOf.apply(row);
    }

    String name(T row) {
      return nameOf.apply(row);
    }

    long version(T row) {
      return versionOf.applyAsLong(row);
    }
  }

  Resource<SourceRecord> sources() {
    var repo = store.sources();
    return new Resource<>(
        "src",
        (s, id, slug, name, v) -> fx.source(s, id, slug, name, v, clock.now()),
        repo::insert,
        repo::find,
        repo::list,
        repo::update,
        repo::delete,
        SourceRecord::id,
        SourceRecord::name,
        SourceRecord::version);
  }

  Resource<DestinationRecord> destinations() {
    var repo = store.destinations();
    return new Resource<>(
        "dst",
        (s, id, slug, name, v) -> fx.destination(s, id, slug, name, v, clock.now()),
        repo::insert,
        repo::find,
        repo::list,
        repo::update,
        repo::delete,
        DestinationRecord::id,
        DestinationRecord::name,
        DestinationRecord::version);
  }

  Resource<ConnectionRecord> connections() {
    var repo = store.connections();
    // Routes made up front, so that their connections exist before a test lists anything.
    Map<Scope, Route> routes = Map.of(scope, route(scope), other, route(other));
    return new Resource<>(
        "conn",
        (s, id, slug, name, v) ->
            fx.connection(
                s,
                id,
                name,
                routes.get(s).sourceId(),
                routes.get(s).destinationId(),
                v,
                clock.now()),
        repo::insert,
        repo::find,
        (s, page) -> repo.list(s, null, null, page),
        repo::update,
        repo::delete,
        ConnectionRecord::id,
        ConnectionRecord::name,
        ConnectionRecord::version);
  }

  private <T> List<String> listAll(Resource<T> r, Scope s) {
    return pageAll(p -> r.list(s, p), 3, r::id);
  }

  <T> void assertCrud(Resource<T> r) {
    // Pre-existing rows of the type (a route's connection) are left out of the comparison.
    List<String> before = listAll(r, scope);
    String id = ids.next(r.prefix());
    r.insert(r.create(scope, id, "crud", "first", 1));
    assertThat(r.find(scope, id))
        .hasValueSatisfying(
            x -> {
              assertThat(r.name(x)).isEqualTo("first");
              assertThat(r.version(x)).isEqualTo(1);
            });
    assertThat(r.find(scope, ids.next(r.prefix()))).isEmpty();
    assertThat(listAll(r, scope)).startsWith(id).hasSize(before.size() + 1);
    assertConflict(() -> r.insert(r.create(scope, id, "crud-other", "again", 1)));

    clock.advance(Duration.ofSeconds(5));
    assertThat(r.update(r.create(scope, id, "crud", "second", 2))).isTrue();
    assertThat(r.find(scope, id))
        .hasValueSatisfying(
            x -> {
              assertThat(r.name(x)).isEqualTo("second");
              assertThat(r.version(x)).isEqualTo(2);
            });
    assertThat(r.update(r.create(scope, id, "crud", "stale", 2))).isFalse();
    assertThat(r.update(r.create(scope, id, "crud", "skipping", 4))).isFalse();
    assertThat(r.update(r.create(scope, ids.next(r.prefix()), "crud", "unknown", 2))).isFalse();
    assertThat(r.name(r.find(scope, id).orElseThrow())).isEqualTo("second");

    assertThat(r.delete(scope, id, clock.now())).isTrue();
    assertThat(r.find(scope, id)).isEmpty();
    assertThat(listAll(r, scope)).doesNotContain(id).hasSize(before.size());
    assertThat(r.delete(scope, id, clock.now())).isFalse();
    assertThat(r.delete(scope, ids.next(r.prefix()), clock.now())).isFalse();
    assertThat(r.update(r.create(scope, id, "crud", "revived", 3))).isFalse();
    assertThat(r.update(r.create(scope, id, "crud", "revived", 4))).isFalse();
  }

  <T> void assertIsolated(Resource<T> r) {
    String id = ids.next(r.prefix());
    r.insert(r.create(scope, id, "mine", "mine", 1));
    List<String> otherBefore = listAll(r, other);
    assertThat(r.find(other, id)).isEmpty();
    assertThat(listAll(r, other)).doesNotContain(id);
    assertThat(r.update(r.create(other, id, "mine", "hijacked", 2))).isFalse();
    assertThat(r.delete(other, id, clock.now())).isFalse();
    assertThat(r.find(scope, id))
        .hasValueSatisfying(
            x -> {
              assertThat(r.name(x)).isEqualTo("mine");
              assertThat(r.version(x)).isEqualTo(1);
            });
    assertThat(listAll(r, other)).isEqualTo(otherBefore);
  }

  <T> void assertPaging(Resource<T> r) {
    List<String> before = listAll(r, scope);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String id = ids.next(r.prefix());
      r.insert(r.create(scope, id, "page-" + i, "row " + i, 1));
      created.add(id);
    }
    r.delete(scope, created.get(10), clock.now());
    List<String> expected = new ArrayList<>(created);
    expected.remove(10);
    expected.addAll(before);
    expected.sort(Comparator.reverseOrder());
    for (int limit : new int[] {1, 5, 22, 100}) {
      assertThat(pageAll(p -> r.list(scope, p), limit, r::id)).containsExactlyElementsOf(expected);
    }
  }

  <T> void assertOneUpdateWins(Resource<T> r) throws Exception {
    String id = ids.next(r.prefix());
    r.insert(r.create(scope, id, "race", "v1", 1));
    int threads = 8;
    List<Boolean> won =
        Concurrently.run(
            threads, i -> () -> r.update(r.create(scope, id, "race", "writer " + i, 2)));
    assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
    assertThat(r.name(r.find(scope, id).orElseThrow())).isEqualTo("writer " + won.indexOf(true));
  }

  <T> void assertSlugUnique(Resource<T> r) {
    String first = ids.next(r.prefix());
    r.insert(r.create(scope, first, "billing", "first", 1));
    assertConflict(() -> r.insert(r.create(scope, ids.next(r.prefix()), "billing", "x", 1)));
    r.insert(r.create(other, ids.next(r.prefix()), "billing", "other scope", 1));

    String second = ids.next(r.prefix());
    r.insert(r.create(scope, second, "payments", "second", 1));
    assertConflict(() -> r.update(r.create(scope, second, "billing", "second", 2)));
    assertThat(r.update(r.create(scope, second, "payments", "renamed", 2))).isTrue();
    assertThat(r.update(r.create(scope, first, "billing", "kept slug", 2))).isTrue();

    assertThat(r.delete(scope, first, clock.now())).isTrue();
    String third = ids.next(r.prefix());
    r.insert(r.create(scope, third, "billing", "reuses slug", 1));
    assertThat(r.find(scope, third)).isPresent();
    assertThat(r.update(r.create(scope, second, "payments-v2", "moved", 3))).isTrue();
    r.insert(r.create(scope, ids.next(r.prefix()), "payments", "freed slug", 1));
  }
}

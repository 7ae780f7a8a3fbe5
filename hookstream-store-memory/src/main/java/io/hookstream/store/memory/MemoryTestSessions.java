package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.TestRequestQuery;
import io.hookstream.spi.store.TestRequestRecord;
import io.hookstream.spi.store.TestSessionRecord;
import io.hookstream.spi.store.TestSessionRepository;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Test sessions in memory. Writes hold one lock, so counting a request against the session's limit
 * and storing it are one step; reads scan the session's own requests. Thread-safe.
 */
final class MemoryTestSessions implements TestSessionRepository {

  private final Object lock = new Object();
  private final Map<String, TestSessionRecord> sessions = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<String, TestRequestRecord>> requests =
      new ConcurrentHashMap<>();

  @Override
  public void insert(TestSessionRecord session) {
    synchronized (lock) {
      if (sessions.putIfAbsent(session.id(), session) != null) {
        throw new HookstreamException(
            ErrorCode.CONFLICT, "test session id already exists: " + session.id());
      }
      requests.put(session.id(), Pages.newestFirstMap());
    }
  }

  @Override
  public Optional<TestSessionRecord> find(String id) {
    return Optional.ofNullable(sessions.get(id));
  }

  @Override
  public boolean updateSettings(TestSessionRecord s) {
    synchronized (lock) {
      TestSessionRecord old = sessions.get(s.id());
      if (old == null) {
        return false;
      }
      sessions.put(
          s.id(),
          old.withResponse(
                  s.responseStatus(),
                  s.responseContentType(),
                  s.responseBody(),
                  s.responseHeaders())
              .withForwarding(s.forwardUrl(), s.forwardEnabled()));
      return true;
    }
  }

  @Override
  public boolean delete(String id) {
    synchronized (lock) {
      requests.remove(id);
      return sessions.remove(id) != null;
    }
  }

  @Override
  public Admission record(TestRequestRecord request, Instant now) {
    synchronized (lock) {
      TestSessionRecord s = sessions.get(request.sessionId());
      if (s == null) {
        return Admission.UNKNOWN;
      }
      if (!s.claimed()) {
        if (!s.expiresAt().isAfter(now)) {
          return Admission.EXPIRED;
        }
        if (s.requestCount() >= s.requestLimit()) {
          return Admission.FULL;
        }
      }
      sessions.put(s.id(), s.withRequestCount(s.requestCount() + 1));
      requests.get(s.id()).put(request.id(), request);
      return Admission.RECORDED;
    }
  }

  @Override
  public Page<TestRequestRecord> requests(
      String sessionId, TestRequestQuery query, PageRequest page) {
    ConcurrentSkipListMap<String, TestRequestRecord> rows = requests.get(sessionId);
    if (rows == null) {
      return Page.of(List.of(), page.limit(), TestRequestRecord::id);
    }
    return Pages.collect(
        Pages.from(rows, page.after()), r -> matches(query, r), page, TestRequestRecord::id);
  }

  private static boolean matches(TestRequestQuery q, TestRequestRecord r) {
    if (q.method() != null && !q.method().equals(r.method())) {
      return false;
    }
    if (q.statusClass() != null && r.responseStatus() / 100 != q.statusClass()) {
      return false;
    }
    return q.search() == null || q.search().isEmpty() || contains(r, q.search());
  }

  private static boolean contains(TestRequestRecord r, String search) {
    String lower = search.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      if (h.getKey().toLowerCase(Locale.ROOT).contains(lower)) {
        return true;
      }
      for (String v : h.getValue()) {
        if (v.toLowerCase(Locale.ROOT).contains(lower)) {
          return true;
        }
      }
    }
    return indexOf(r.body(), search.getBytes(StandardCharsets.UTF_8)) >= 0;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public List<TestRequestRecord> oldestFirst(String sessionId, String afterId, int limit) {
    ConcurrentSkipListMap<String, TestRequestRecord> rows = requests.get(sessionId);
    if (rows == null) {
      return List.of();
    }
    var oldest = afterId == null ? rows.descendingMap() : rows.headMap(afterId).descendingMap();
    List<TestRequestRecord> out = new ArrayList<>();
    for (TestRequestRecord r : oldest.values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public Optional<TestRequestRecord> findRequest(String sessionId, String requestId) {
    ConcurrentSkipListMap<String, TestRequestRecord> rows = requests.get(sessionId);
    return rows == null ? Optional.empty() : Optional.ofNullable(rows.get(requestId));
  }

  @Override
  public boolean setNote(String sessionId, String requestId, String note) {
    synchronized (lock) {
      return replace(sessionId, requestId, r -> r.withNote(note));
    }
  }

  @Override
  public boolean setForward(String sessionId, String requestId, TestRequestRecord.Forward forward) {
    synchronized (lock) {
      return replace(sessionId, requestId, r -> r.withForward(forward));
    }
  }

  private boolean replace(
      String sessionId,
      String requestId,
      java.util.function.UnaryOperator<TestRequestRecord> change) {
    ConcurrentSkipListMap<String, TestRequestRecord> rows = requests.get(sessionId);
    TestRequestRecord old = rows == null ? null : rows.get(requestId);
    if (old == null) {
      return false;
    }
    rows.put(requestId, change.apply(old));
    return true;
  }

  @Override
  public boolean claim(String id, Scope scope, String sourceId, Instant now) {
    synchronized (lock) {
      TestSessionRecord s = sessions.get(id);
      if (s == null || s.claimed()) {
        return false;
      }
      sessions.put(id, s.withClaim(scope, sourceId, now));
      return true;
    }
  }

  @Override
  public int purgeExpired(Instant now, int limit) {
    synchronized (lock) {
      int purged = 0;
      for (TestSessionRecord s : List.copyOf(sessions.values())) {
        if (purged >= limit) {
          break;
        }
        if (!s.claimed() && !s.expiresAt().isAfter(now)) {
          delete(s.id());
          purged++;
        }
      }
      return purged;
    }
  }
}

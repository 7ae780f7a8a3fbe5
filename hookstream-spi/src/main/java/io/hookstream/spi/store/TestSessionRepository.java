package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Test sessions and the requests they recorded. Sessions are not scoped: their id, unguessable, is
 * the credential. Deleting or purging a session deletes its requests in the same step.
 */
public interface TestSessionRepository {

  /** What {@link #record} did with a request. */
  enum Admission {
    /** Stored; the session's request count went up by one. */
    RECORDED,
    /** No such session. */
    UNKNOWN,
    /** The session (unclaimed) expired at or before {@code now}. */
    EXPIRED,
    /** The session (unclaimed) already holds its request limit. */
    FULL
  }

  /** Stores a new session; CONFLICT if the id is taken. */
  void insert(TestSessionRecord session);

  Optional<TestSessionRecord> find(String id);

  /**
   * Replaces the session's response and forwarding settings with those of {@code session}; the rest
   * of the stored row stays. False if there is no such session.
   */
  boolean updateSettings(TestSessionRecord session);

  /** Deletes the session and its requests; false if there was none. */
  boolean delete(String id);

  /**
   * In one atomic step: if the request's session exists and is claimed, or is unexpired at {@code
   * now} with fewer requests than its limit, counts and stores the request. Two callers racing for
   * the last free request see one RECORDED.
   */
  Admission record(TestRequestRecord request, Instant now);

  /** The session's requests, newest first, filtered by {@code query}. */
  Page<TestRequestRecord> requests(String sessionId, TestRequestQuery query, PageRequest page);

  /**
   * Up to {@code limit} of the session's requests with an id above {@code afterId} (all when null),
   * oldest first: for exports and claims that walk every request.
   */
  List<TestRequestRecord> oldestFirst(String sessionId, String afterId, int limit);

  Optional<TestRequestRecord> findRequest(String sessionId, String requestId);

  /** Sets the request's note; false if there is no such request in that session. */
  boolean setNote(String sessionId, String requestId, String note);

  /** Stores the forwarding outcome of the request; false if there is no such request. */
  boolean setForward(String sessionId, String requestId, TestRequestRecord.Forward forward);

  /**
   * Marks an unclaimed session as claimed by {@code scope}, feeding {@code sourceId} from now on;
   * false if it does not exist or is claimed already.
   */
  boolean claim(String id, Scope scope, String sourceId, Instant now);

  /**
   * Deletes up to {@code limit} unclaimed sessions that expired at or before {@code now}, with
   * their requests; returns how many sessions. Across all sessions; a session is purged once.
   */
  int purgeExpired(Instant now, int limit);
}

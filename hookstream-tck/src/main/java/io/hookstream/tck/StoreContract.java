package io.hookstream.tck;

import io.hookstream.spi.ManualClock;
import io.hookstream.spi.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The contract every {@link Store} must pass, one nested suite per repository. Extend it and
 * implement {@link #createStore}:
 *
 * <pre>{@code
 * class MyStoreContractTest extends StoreContract {
 *   protected Store createStore(ManualClock clock) { return new MyStore(dataSource, clock); }
 * }
 * }</pre>
 *
 * <p>{@link #createStore} is called once before every test with that test's clock; override {@link
 * #releaseStore} to close or clean up after each test. Every test works in organizations and
 * environments with fresh ids, so the suite also runs against a database shared by several tests or
 * runs. The tests of cross-tenant operations (due destinations, the recovery sweep, stale issues)
 * look only at their own rows and use instants in their own past windows, so rows left by other
 * tests do not disturb them.
 */
public abstract class StoreContract {

  /** Subclasses bind the suite to one implementation. */
  protected StoreContract() {}

  /** The clock of the current test, at 2026-01-01T00:00:00Z when the test starts. */
  protected ManualClock clock;

  /** The store under test, created for the current test. */
  protected Store store;

  /** Creates the store under test; called once per test, before it runs. */
  protected abstract Store createStore(ManualClock clock);

  /** Called once after each test; closes or cleans up what {@link #createStore} made. */
  protected void releaseStore(Store store) throws Exception {}

  @BeforeEach
  final void createStoreUnderTest() {
    clock = new ManualClock();
    store = createStore(clock);
  }

  @AfterEach
  final void release() throws Exception {
    releaseStore(store);
  }

  @Nested
  class Organizations extends OrganizationContract {
    Organizations() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Sources extends SourceContract {
    Sources() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Destinations extends DestinationContract {
    Destinations() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Connections extends ConnectionContract {
    Connections() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Events extends EventContract {
    Events() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Claims extends ClaimContract {
    Claims() {
      super(StoreContract.this);
    }
  }

  @Nested
  class KeyedClaims extends KeyedClaimContract {
    KeyedClaims() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Deliveries extends DeliveryContract {
    Deliveries() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Nodes extends NodeContract {
    Nodes() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Issues extends IssueContract {
    Issues() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Circuits extends CircuitContract {
    Circuits() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Topics extends TopicContract {
    Topics() {
      super(StoreContract.this);
    }
  }

  @Nested
  class ReplayJobs extends ReplayJobContract {
    ReplayJobs() {
      super(StoreContract.this);
    }
  }

  @Nested
  class TestSessions extends TestSessionContract {
    TestSessions() {
      super(StoreContract.this);
    }
  }

  @Nested
  class ScheduledSends extends ScheduledSendContract {
    ScheduledSends() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Metrics extends MetricsContract {
    Metrics() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Collections extends CollectionContract {
    Collections() {
      super(StoreContract.this);
    }
  }

  @Nested
  class Alerts extends AlertContract {
    Alerts() {
      super(StoreContract.this);
    }
  }
}

package io.hookstream.connection.internal;

import io.hookstream.connection.Connection;
import io.hookstream.spi.store.ConnectionRecord;

/** Converts the store's connection record into the Java API's {@link Connection}. Stateless. */
public final class Connections {

  private Connections() {}

  public static Connection toApi(ConnectionRecord c) {
    return Connection.builder()
        .id(c.id())
        .orgId(c.orgId())
        .envId(c.envId())
        .name(c.name())
        .sourceId(c.sourceId())
        .destinationId(c.destinationId())
        .filterRulesJson(c.filterRulesJson())
        .transformExpression(c.transformExpression())
        .transformEnabled(c.transformEnabled())
        .enabled(c.enabled())
        .orderingKey(c.orderingKey())
        .createdAt(c.createdAt())
        .updatedAt(c.updatedAt())
        .build();
  }
}

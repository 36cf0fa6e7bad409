package io.taskport.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts what its connections send: SQL statements (each entry of a JDBC
 * batch counted) and round trips (one per {@code execute*}, per {@code executeBatch}, per {@code
 * commit} and per {@code rollback}).
 */
final class CountingDataSource implements DataSource {
  private final DataSource target;
  final LongAdder statements = new LongAdder();
  final LongAdder roundTrips = new LongAdder();

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  /** Returns {statements, round trips} so far. */
  long[] snapshot() {
    return new long[] {statements.sum(), roundTrips.sum()};
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return connection(target.getConnection(user, password));
  }

  private Connection connection(Connection c) {
    InvocationHandler h =
        (proxy, m, args) -> {
          Object r = call(c, m, args);
          String name = m.getName();
          if (name.equals("commit") || name.equals("rollback")) {
            roundTrips.increment();
          }
          if (r instanceof Statement s
              && (name.equals("prepareStatement")
                  || name.equals("createStatement")
                  || name.equals("prepareCall"))) {
            return statement(s);
          }
          return r;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private Statement statement(Statement s) {
    int[] batched = {0};
    InvocationHandler h =
        (proxy, m, args) -> {
          String name = m.getName();
          if (name.equals("addBatch")) {
            batched[0]++;
          } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
            statements.add(batched[0]);
            batched[0] = 0;
            roundTrips.increment();
          } else if (name.startsWith("execute")) {
            statements.increment();
            roundTrips.increment();
          }
          return call(s, m, args);
        };
    return (Statement)
        Proxy.newProxyInstance(Statement.class.getClassLoader(), interfaces(s), h);
  }

  private static Class<?>[] interfaces(Statement s) {
    if (s instanceof java.sql.CallableStatement) {
      return new Class<?>[] {java.sql.CallableStatement.class};
    }
    if (s instanceof java.sql.PreparedStatement) {
      return new Class<?>[] {java.sql.PreparedStatement.class};
    }
    return new Class<?>[] {Statement.class};
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
